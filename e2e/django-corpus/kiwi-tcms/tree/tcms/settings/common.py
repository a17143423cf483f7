import os

from tcms.utils.secrets import get_secret  # reads the env var (or a secret file) with a default

TCMS_ROOT_PATH = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SECRET_KEY = "fixture-not-a-secret"
DATABASES = {
    "default": {
        "ENGINE": get_secret("KIWI_DB_ENGINE", "django.db.backends.mysql"),
        "NAME": get_secret("KIWI_DB_NAME", "kiwi"),
        "HOST": get_secret("KIWI_DB_HOST", ""),
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = "/Kiwi/static/"
STATIC_URL = "/static/"
WSGI_APPLICATION = "tcms.wsgi.application"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
]
