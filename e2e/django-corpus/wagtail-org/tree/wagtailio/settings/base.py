import os
from os.path import abspath, dirname, join

import dj_database_url

env = os.environ.copy()
PROJECT_ROOT = dirname(dirname(dirname(abspath(__file__))))
BASE_DIR = dirname(PROJECT_ROOT)
SECRET_KEY = env.get("SECRET_KEY")
DEBUG = False
if "ALLOWED_HOSTS" in env:
    ALLOWED_HOSTS = env["ALLOWED_HOSTS"].split(",")
INSTALLED_APPS = [
    "wagtail",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
WSGI_APPLICATION = "wagtailio.wsgi.application"
STATIC_ROOT = env.get("STATIC_ROOT", join(BASE_DIR, "static"))
STATIC_URL = env.get("STATIC_URL", "/static/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATICFILES_DIRS = (join(PROJECT_ROOT, "static_compiled"),)
MEDIA_ROOT = env.get("MEDIA_DIR", join(BASE_DIR, "media"))
if "AWS_STORAGE_BUCKET_NAME" in env:
    STORAGES["default"]["BACKEND"] = "storages.backends.s3.S3Storage"
    AWS_STORAGE_BUCKET_NAME = env["AWS_STORAGE_BUCKET_NAME"]
if "DATABASE_URL" in env:
    DATABASES = {"default": dj_database_url.config(conn_max_age=600)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": env.get("PGDATABASE", "wagtailio")}}
