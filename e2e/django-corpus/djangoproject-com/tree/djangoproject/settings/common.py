import json
import os
from pathlib import Path

PROJECT_PACKAGE = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_PACKAGE.parent
data_dir_key = "DJANGOPROJECT_DATA_DIR"
DATA_DIR = Path(os.environ[data_dir_key]) if data_dir_key in os.environ else BASE_DIR.parent
try:
    with (DATA_DIR / "conf" / "secrets.json").open() as handle:
        SECRETS = json.load(handle)
except OSError:
    SECRETS = {"secret_key": "a"}
DATABASES = {
    "default": {"ENGINE": "django.db.backends.postgresql", "NAME": os.getenv("DJANGO_DB_NAME", "djangoproject")},
    "trac": {"ENGINE": "django.db.backends.postgresql", "NAME": os.getenv("TRAC_DB_NAME", "code.djangoproject")},
}
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "django_hosts",
]
SECRET_KEY = str(SECRETS["secret_key"])
STATICFILES_DIRS = [PROJECT_PACKAGE / "static"]
STATIC_URL = "/s/"
