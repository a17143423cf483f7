from .common import *  # noqa

if not os.getenv("DJANGO_DB_NAME"):
    raise ValueError("You must set DJANGO_DB_NAME in deployed environments.")
DEBUG = os.getenv("DJANGO_DEBUG", "false").lower() == "true"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
STATIC_ROOT = DATA_DIR / "static"
