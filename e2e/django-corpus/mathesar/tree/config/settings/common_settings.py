import os
from pathlib import Path

from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]
WSGI_APPLICATION = "config.wsgi.application"
DATABASES = {}
POSTGRES_DB = os.environ.get("POSTGRES_DB", default=None)
if POSTGRES_DB:
    DATABASES["default"] = {"ENGINE": "django.db.backends.postgresql", "NAME": POSTGRES_DB}
SECRETS_ROOT = os.path.join(BASE_DIR, ".secrets/")
SECRET_KEY = os.environ.get("SECRET_KEY")
if not SECRET_KEY:
    os.makedirs(SECRETS_ROOT, exist_ok=True)
    SECRET_KEY_FILE = os.path.join(SECRETS_ROOT, "secret_key.txt")
    try:
        with open(SECRET_KEY_FILE, "x") as f:
            f.write(get_random_secret_key())
    except FileExistsError:
        pass
    with open(SECRET_KEY_FILE) as f:
        SECRET_KEY = f.read()
DEBUG = os.environ.get("DEBUG") in ["t", "true", "True"]
STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "static/")
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", default=os.path.join(BASE_DIR, ".media/"))
