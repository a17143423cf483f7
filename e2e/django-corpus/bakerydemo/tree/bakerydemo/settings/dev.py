from .base import *  # noqa: F403

DEBUG = True
try:
    from .local import *  # noqa
except ImportError:
    pass
