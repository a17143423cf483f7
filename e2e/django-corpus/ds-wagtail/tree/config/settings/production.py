import os

from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE_DIR = os.path.dirname(PROJECT_DIR)

DEBUG = False

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY environment variable must be set and cannot be empty.")

INSTALLED_APPS = [
    "app.core",
    "wagtail.contrib.forms",
    "wagtail.images",
    "wagtail.admin",
    "wagtail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.getenv("DATABASE_NAME"),
        "USER": os.getenv("DATABASE_USER"),
        "PASSWORD": os.getenv("DATABASE_PASSWORD"),
        "HOST": os.getenv("DATABASE_HOST"),
    }
}

STATIC_URL = "wagtail-static/"
STATIC_ROOT = os.path.join(BASE_DIR, "static")
# removed in Django 5.1: with Django 6 this line has no effect
STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"

MEDIA_ROOT = "/media"
MEDIA_URL = "media/"
