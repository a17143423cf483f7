import os

BASE_DIR = os.path.dirname(os.path.dirname(__file__))
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "taiga"}}
STATIC_URL = "http://localhost:8000/static/"
MEDIA_ROOT = os.path.join(BASE_DIR, "media")
STATIC_ROOT = os.path.join(BASE_DIR, "static")
ALLOWED_HOSTS = ["*"]
DEBUG = False
SECRET_KEY = "fixture-not-a-secret"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "django.contrib.staticfiles",
]
WSGI_APPLICATION = "taiga.wsgi.application"
