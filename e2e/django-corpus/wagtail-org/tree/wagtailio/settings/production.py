from .base import *  # noqa: F403
from .base import env

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
