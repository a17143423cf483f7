from pathlib import Path

from decouple import config
from dj_database_url import parse as dj_database_url_parser

from pydotorg.settings.pipeline import PIPELINE  # noqa: F401

BASE = Path(__file__).resolve().parent.parent.parent

DEBUG = True
SECRET_KEY = "development-only"

DATABASES = {"default": config("DATABASE_URL", default="postgres:///python.org", cast=dj_database_url_parser)}

MEDIA_ROOT = str(Path(BASE) / "media")
STATIC_ROOT = str(Path(BASE) / "static-root")
STATIC_URL = "/static/"
STATICFILES_DIRS = [str(Path(BASE) / "static")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "pipeline.storage.PipelineStorage"},
}

WSGI_APPLICATION = "pydotorg.wsgi.application"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pipeline",
    "apps.sponsors",
]

FASTLY_SERVICE_ID = config("FASTLY_SERVICE_ID", default=None)
