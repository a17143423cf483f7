from .base import *  # noqa
from .base import BASE_DIR, STATICFILES_DIRS, TEMPLATES

STATIC_URL = "/prs/static/"
CONFERENCE_DEFAULT_SLUG = "pycontw-2025"
