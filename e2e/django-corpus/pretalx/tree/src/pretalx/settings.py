import os
from pathlib import Path

from django.utils.crypto import get_random_string

from pretalx.common.settings.config import build_config

config, CONFIG_FILES = build_config()
BASE_DIR = Path(config.get("filesystem", "base"))
DATA_DIR = Path(config.get("filesystem", "data", fallback=os.environ.get("PRETALX_DATA_DIR", BASE_DIR / "data")))
MEDIA_ROOT = Path(config.get("filesystem", "media", fallback=DATA_DIR / "media"))
STATIC_ROOT = Path(config.get("filesystem", "static", fallback=BASE_DIR / "static.dist"))
INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
if config.has_option("site", "secret"):
    SECRET_KEY = config.get("site", "secret")
else:
    SECRET_FILE = DATA_DIR / ".secret"
    if SECRET_FILE.exists():
        SECRET_KEY = SECRET_FILE.read_text()
    else:
        SECRET_KEY = get_random_string(50)
        SECRET_FILE.write_text(SECRET_KEY)
db_backend = config.get("database", "backend")
DATABASES = {"default": {"ENGINE": "django.db.backends." + db_backend, "NAME": config.get("database", "name", fallback=str(DATA_DIR / "db.sqlite3"))}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
