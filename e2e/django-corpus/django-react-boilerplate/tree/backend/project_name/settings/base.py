import os

from decouple import config
from dj_database_url import parse as db_url

# the backend/ folder
BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def base_dir_join(*args):
    return os.path.join(BASE_DIR, *args)


DEBUG = True
ALLOWED_HOSTS = []

DATABASES = {
    "default": config("DATABASE_URL", cast=db_url),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "webpack_loader",
    "rest_framework",
    "defender",
    "common",
    "users",
]

WSGI_APPLICATION = "project_name.wsgi.application"

STATIC_URL = "/static/"
# the webpack bundles the frontend build writes beside backend/
STATICFILES_DIRS = (base_dir_join("../frontend", "webpack_bundles"),)

CELERY_BROKER_POOL_LIMIT = config("CELERY_BROKER_POOL_LIMIT", cast=int, default=1)
SENTRY_DSN = config("SENTRY_DSN", default="")
DEFENDER_REDIS_URL = config("REDIS_URL")
