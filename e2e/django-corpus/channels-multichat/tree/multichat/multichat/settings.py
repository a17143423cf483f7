import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
redis_host = os.environ.get("REDIS_HOST", "localhost")
CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [(redis_host, 6379)]}}}
ASGI_APPLICATION = "multichat.routing.application"
SECRET_KEY = "fixture-not-a-secret"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "chat",
]
WSGI_APPLICATION = "multichat.wsgi.application"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(BASE_DIR, "db.sqlite3")}}
STATIC_URL = "/static/"
STATICFILES_DIRS = [os.path.join(BASE_DIR, "static")]
