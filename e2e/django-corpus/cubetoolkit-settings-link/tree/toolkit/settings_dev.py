# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os

from toolkit.settings_common import *

DEBUG = True
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": os.environ.get("DB_NAME", "toolkit"),
        "HOST": os.environ.get("DB_HOST", "localhost"),
    }
}
SECRET_KEY = os.environ.get("SECRET_KEY", "fixture-dev-key")
