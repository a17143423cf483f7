import os

import dj_database_url

BASE_DIR = os.path.dirname(os.path.dirname(__file__))

# on unless DJANGO_DEBUG is the string FALSE
DEBUG = os.getenv("DJANGO_DEBUG") != "FALSE"
SECRET_KEY = "dev-only" if DEBUG else os.getenv("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "storages",
    "core",
]

ROOT_URLCONF = "djangogirls.urls"
WSGI_APPLICATION = "djangogirls.wsgi.application"

POSTGRES_DB = os.getenv("POSTGRES_DB", "djangogirls")
POSTGRES_HOST = os.getenv("POSTGRES_HOST", "localhost")
POSTGRES_USER = os.getenv("POSTGRES_USER", "postgres")
POSTGRES_PASSWORD = os.getenv("POSTGRES_PASSWORD", "")
DATABASES = {
    "default": dj_database_url.config(
        default=f"postgres://{POSTGRES_USER}:{POSTGRES_PASSWORD}@{POSTGRES_HOST}:5432/{POSTGRES_DB}"
    )
}

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "staticfiles")
MEDIA_URL = "/uploads/"
MEDIA_ROOT = os.path.join(BASE_DIR, "uploads")
if DEBUG:
    STATICFILES_DIRS = [os.path.join(BASE_DIR, "static/local")]
else:
    STATICFILES_DIRS = [os.path.join(BASE_DIR, "static/build")]

SLACK_INVITE_CHANNEL_IDS = os.environ.get("SLACK_INVITE_CHANNEL_IDS", "").split(",")
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY")
