from pydotorg.settings.base import *

# used to build the static files only
DEBUG = False
