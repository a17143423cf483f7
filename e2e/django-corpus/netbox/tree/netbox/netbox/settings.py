import importlib
import os

from django.core.exceptions import ImproperlyConfigured

NETBOX_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
config_path = os.environ.get("NETBOX_CONFIGURATION", "netbox.configuration")
try:
    configuration = importlib.import_module(config_path)
except ModuleNotFoundError:
    raise ImproperlyConfigured(f"Specified configuration module ({config_path}) not found.")
for parameter in ("ALLOWED_HOSTS", "SECRET_KEY", "REDIS"):
    if not hasattr(configuration, parameter):
        raise ImproperlyConfigured(f"Required parameter {parameter} is missing from configuration.")
DATABASES = getattr(configuration, "DATABASES")
SECRET_KEY = getattr(configuration, "SECRET_KEY")
MEDIA_ROOT = getattr(configuration, "MEDIA_ROOT", os.path.join(NETBOX_ROOT, "media")).rstrip("/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
} | getattr(configuration, "STORAGES", {})
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
WSGI_APPLICATION = "netbox.wsgi.application"
STATIC_ROOT = os.path.join(NETBOX_ROOT, "static")
STATIC_URL = "static/"
