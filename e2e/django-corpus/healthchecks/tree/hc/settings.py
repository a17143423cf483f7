import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.getenv("SECRET_KEY", "---")
DEBUG = os.getenv("DEBUG", "False") == "True"
INSTALLED_APPS = (
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "compressor",
)
MIDDLEWARE = ("whitenoise.middleware.WhiteNoiseMiddleware",)
WSGI_APPLICATION = "hc.wsgi.application"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.getenv("DB_NAME", BASE_DIR / "hc.sqlite")}}
if os.getenv("DB") == "postgres":
    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": os.getenv("DB_HOST", ""), "NAME": os.getenv("DB_NAME", "hc")}}
if os.getenv("DB") in ["mysql", "mariadb"]:
    DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "HOST": os.getenv("DB_HOST", ""), "NAME": os.getenv("DB_NAME", "hc")}}
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static-collected"
STATICFILES_FINDERS = (
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "compressor.finders.CompressorFinder",
)
COMPRESS_OFFLINE = True
COMPRESS_CSS_HASHING_METHOD = "content"
if (BASE_DIR / "hc/local_settings.py").exists():
    from .local_settings import *
