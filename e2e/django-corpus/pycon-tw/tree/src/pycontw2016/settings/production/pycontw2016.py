from .base import *  # noqa

CONFERENCE_DEFAULT_SLUG = 'pycontw-2016'
