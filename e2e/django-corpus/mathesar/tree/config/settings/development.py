from config.settings.common_settings import *  # noqa

try:
    from .local import *  # noqa
except ImportError:
    pass
