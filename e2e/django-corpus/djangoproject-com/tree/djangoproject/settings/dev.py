from .common import *  # noqa

DEBUG = True
MEDIA_ROOT = DATA_DIR / "media_root"
STATIC_ROOT = DATA_DIR / "static_root"
