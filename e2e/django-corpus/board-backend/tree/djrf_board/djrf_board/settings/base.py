from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
]
WSGI_APPLICATION = "djrf_board.wsgi.application"
DATABASES = {"default": {**dj_database_url.config(), "CONN_MAX_AGE": 10, "CONN_HEALTH_CHECKS": True}}
STATIC_URL = "static/"
