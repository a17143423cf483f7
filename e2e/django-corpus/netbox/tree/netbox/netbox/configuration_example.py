ALLOWED_HOSTS = []
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "netbox"}}
REDIS = {"tasks": {"HOST": "localhost"}, "caching": {"HOST": "localhost"}}
SECRET_KEY = ""
