# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os

BASE_DIR = os.path.dirname(os.path.dirname(__file__))

MAILMAN_API_KEY = os.environ.get("MAILMAN_API_KEY")

MEDIA_ROOT = os.path.join(BASE_DIR, "media")
MEDIA_URL = "/media/"
STATIC_ROOT = os.path.join(BASE_DIR, "static")
STATIC_URL = "/static/"
STATICFILES_DIRS = (os.path.join(BASE_DIR, "toolkit", "static_common"),)

INSTALLED_APPS = (
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "wagtail.images",
    "wagtail.admin",
    "wagtail",
    "toolkit.diary",
)

ROOT_URLCONF = "toolkit.urls"
