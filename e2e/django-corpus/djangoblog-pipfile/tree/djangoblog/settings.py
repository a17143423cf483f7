# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os
import sys


def env_to_bool(env, default):
    str_val = os.environ.get(env)
    return default if str_val is None else str_val == "True"


BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "fixture-literal-insecure-key"
DEBUG = env_to_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["*", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "mdeditor",
    "haystack",
    "blog",
    "compressor",
]

WSGI_APPLICATION = "djangoblog.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ.get("DJANGO_MYSQL_DATABASE") or "djangoblog",
        "USER": os.environ.get("DJANGO_MYSQL_USER") or "root",
        "PASSWORD": os.environ.get("DJANGO_MYSQL_PASSWORD") or "password",
        "HOST": os.environ.get("DJANGO_MYSQL_HOST") or "127.0.0.1",
        "PORT": int(os.environ.get("DJANGO_MYSQL_PORT") or 3306),
    }
}

STATIC_ROOT = os.path.join(BASE_DIR, "collectedstatic")
STATIC_URL = "/static/"
STATICFILES = os.path.join(BASE_DIR, "static")
MEDIA_ROOT = os.path.join(BASE_DIR, "uploads")

if os.environ.get("DJANGO_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f'redis://{os.environ.get("DJANGO_REDIS_URL")}',
        }
    }

EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT") or 465)
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD")

STATICFILES_FINDERS = (
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "compressor.finders.CompressorFinder",
)
COMPRESS_ENABLED = True
# COMPRESS_OFFLINE = True
