import os

from tcms.settings.common import *  # noqa: F401,F403

DEBUG = False
try:
    from .local_settings import *  # noqa: F401,F403
except ImportError:
    pass
