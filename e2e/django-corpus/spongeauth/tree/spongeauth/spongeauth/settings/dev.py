import os

from .base import *

DEBUG = True
INSTALLED_APPS = INSTALLED_APPS + ["debug_toolbar"]

if not os.environ.get("DJANGO_SETTINGS_SKIP_LOCAL", False):
    try:
        from .local_settings import *
    except ImportError:
        pass
