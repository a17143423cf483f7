import os
from email.utils import getaddresses

import environ

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(os.path.dirname(BASE_DIR))
env = environ.Env()
env_path = env.str("ENV_PATH", default=os.path.join(REPO_DIR, ".env"))
environ.Env.read_env(env_file=env_path)
DEBUG = env.bool("DEBUG")
DATA_DIR = env.str("DATA_DIR", os.path.join(REPO_DIR, "data"))
PUBLIC_DIR = env.str("PUBLIC_DIR", os.path.join(DATA_DIR, "public"))
STATIC_ROOT = env.str("STATIC_ROOT", os.path.join(PUBLIC_DIR, "static"))
PRIVATE_DIR = env.str("PRIVATE_DIR", os.path.join(DATA_DIR, "private"))
MEDIA_ROOT = env.str("MEDIA_ROOT", os.path.join(PRIVATE_DIR, "media"))
if "SECRET_KEY" in env:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    SECRET_KEY = open(os.path.join(PRIVATE_DIR, ".secret")).read()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "compressor",
]
WSGI_APPLICATION = "ephios.wsgi.application"
DATABASES = {"default": env.db_url()}
STATIC_URL = env.str("STATIC_URL", default="/static/")
DEFAULT_SITE_URL = env.str("SITE_URL").rstrip("/")
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "compressor.finders.CompressorFinder",
]
COMPRESS_ENABLED = not DEBUG
EMAIL_CONFIG = env.email_url("EMAIL_URL")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = env.str("SERVER_EMAIL")
ADMINS = getaddresses([env("ADMINS")])
