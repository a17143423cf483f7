# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "menus",
    "profiles",
    "restaurants",
]

ROOT_URLCONF = "muypicky.urls"
WSGI_APPLICATION = "muypicky.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(BASE_DIR, "templates")],
        "APP_DIRS": True,
    }
]

EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_PASSWORD")
SECRET_KEY = os.environ.get("SECRET_KEY", "fixture-literal-fallback-key")
DEBUG = False
ALLOWED_HOSTS = ["muy-picky.herokuapp.com", ".muypicky.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(BASE_DIR, "db.sqlite3"),
    }
}
import dj_database_url

db_from_env = dj_database_url.config()
DATABASES["default"].update(db_from_env)

STATIC_URL = "/static/"
SECURE_SSL_REDIRECT = True
