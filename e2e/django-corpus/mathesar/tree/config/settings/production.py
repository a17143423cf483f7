from config.settings.common_settings import *  # noqa

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
try:
    from .local import *  # noqa
except ImportError:
    pass
