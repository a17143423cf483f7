# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os

from toolkit.settings_common import *

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ.get("DB_NAME"),
        "USER": os.environ.get("DB_USER"),
        "PASSWORD": os.environ.get("DB_PASSWORD"),
        "HOST": os.environ.get("DB_HOST"),
        "PORT": os.environ.get("DB_PORT"),
        "CONN_MAX_AGE": 10,
    }
}

SECRET_KEY = os.environ["SECRET_KEY"]

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_HOST = os.environ.get("EMAIL_HOST")
EMAIL_USE_TLS = True
