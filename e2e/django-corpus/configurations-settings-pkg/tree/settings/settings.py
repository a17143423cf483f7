# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
from pathlib import Path

from configurations import Configuration


class BaseConfig(Configuration):
    BASE_DIR = Path(__file__).resolve().parent.parent
    SECRET_KEY = "fixture-literal-insecure-key"
    DEBUG = True
    ALLOWED_HOSTS = []
    INSTALLED_APPS = [
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
        "apps.authorization.apps.AuthorizationConfig",
    ]
    ROOT_URLCONF = "settings.urls"
    WSGI_APPLICATION = "settings.wsgi.application"
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }
    STATIC_URL = "static/"
