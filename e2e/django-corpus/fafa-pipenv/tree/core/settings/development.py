from core.settings.core import *
import os

SECRET_KEY = "fixture-dev-only"
DEBUG = True
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(BASE_DIR, "db.sqlite3")}}
STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
