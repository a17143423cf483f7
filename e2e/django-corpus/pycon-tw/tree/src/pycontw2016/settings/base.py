import os

import environ

BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
env = environ.Env()
env_file = os.path.join(os.path.dirname(__file__), "local.env")
if os.path.exists(env_file):
    environ.Env.read_env(str(env_file))
SECRET_KEY = env("SECRET_KEY")
DATABASES = {"default": env.db_url(var="DATABASE_URL", default="postgres://postgres:secretpostgres@127.0.0.1:5432/pycontw2016")}
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "compressor",
    "compressor_toolkit",
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [os.path.join(BASE_DIR, "templates"), ""], "OPTIONS": {}}]
WSGI_APPLICATION = "pycontw2016.wsgi.application"
STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "assets")
STATICFILES_DIRS = [
    os.path.join(BASE_DIR, "static"),
    os.path.join(BASE_DIR, "static", "default", "styles"),
]
MEDIA_ROOT = env.str("MEDIA_ROOT", os.path.join(BASE_DIR, "media"))
STATICFILES_FINDERS = (
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "compressor.finders.CompressorFinder",
)
COMPRESS_NODE_MODULES = os.path.join(os.path.dirname(BASE_DIR), "node_modules")
