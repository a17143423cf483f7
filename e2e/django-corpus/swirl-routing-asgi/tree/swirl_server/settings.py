# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# .env is git-ignored; upstream's Dockerfile copies .env.docker over it
environ.Env.read_env(os.path.join(BASE_DIR, ".env"))


def _env_int(name, default):
    val = os.environ.get(name, "").strip()
    return int(val) if val else default


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = list(env("ALLOWED_HOSTS").split(","))
HOSTNAME = ALLOWED_HOSTS[0]
PROTOCOL = env("PROTOCOL", default="http")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "swirl",
    "rest_framework",
    "django_celery_beat",
    "django.contrib.admin",
    "django.contrib.auth",
    "channels",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "drf_spectacular",
]

ASGI_APPLICATION = "swirl_server.routing.application"
WSGI_APPLICATION = "swirl_server.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": str(env("SQL_ENGINE")),
        "NAME": env("SQL_DATABASE"),
        "USER": env("SQL_USER"),
        "PASSWORD": env("SQL_PASSWORD"),
        "HOST": env("SQL_HOST"),
        "PORT": int(env("SQL_PORT")),
    }
}

if DEBUG:
    STATIC_URL = "static/"
else:
    STATIC_URL = "/"

MEDIA_ROOT = "uploads/"
MEDIA_URL = "uploads/"
STATIC_ROOT = os.path.join(BASE_DIR, "static/")
STATICFILES_DIRS = []

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://localhost:6379/0")
SWIRL_TIMEOUT = _env_int("SWIRL_TIMEOUT", default=10)
OPENAI_API_KEY = env.get_value("OPENAI_API_KEY", default="")
MICROSOFT_CLIENT_ID = env("MICROSOFT_CLIENT_ID", default="")
CSRF_TRUSTED_ORIGINS = list(env("CSRF_TRUSTED_ORIGINS").split(","))

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [("localhost", 6379)]},
    }
}
