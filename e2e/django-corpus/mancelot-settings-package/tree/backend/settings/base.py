# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os
import sys

import environ

env = environ.Env()
# settings/.env is git-ignored (settings/.env.example is committed)
env.read_env(str((environ.Path(__file__) - 1).path(".env")))

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the project's apps live in apps/ and are imported by their bare names
sys.path.insert(0, os.path.join(BASE_DIR, "apps"))

SECRET_KEY = env("SECRET_KEY")
DEBUG = env("DEBUG", default=False)
DATABASES = {"default": env.db("DATABASE_URL")}
CACHES = {"default": env.cache()}
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "tinymce",
    "filebrowser",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "accounts",
    "catalogue",
]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

OPEN_EXCHANGE_RATES_APP_ID = env("OPEN_EXCHANGE_RATES_APP_ID")
MOLLIE_API_KEY_LIVE = env("MOLLIE_API_KEY_LIVE")

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "static")
STATICFILES_DIRS = [os.path.join(BASE_DIR, "staticfiles")]
MEDIA_URL = "/media/"
MEDIA_ROOT = os.path.join(BASE_DIR, "media")

EMAIL_CONFIG = env.email_url("EMAIL_URL")
vars().update(EMAIL_CONFIG)

CELERY_BROKER_URL = env("CELERY_BROKER_URL")

SENTRY_DSN_API = env("SENTRY_DSN_API", default="")
import sentry_sdk

sentry_sdk.init(dsn=SENTRY_DSN_API, environment=env("SENTRY_ENVIRONMENT"))

CECE_API_USER = env("CECE_API_USER", default="secret")
MANCELOT_KVK_NUMMER = env("MANCELOT_KVK_NUMMER")
MANCELOT_BTW_NUMMER = env("MANCELOT_BTW_NUMMER")

if DEBUG or True:
    INSTALLED_APPS += ["django_extensions"]
