from .base import *

DEBUG = True
SECRET_KEY = "fixture-dev-only"
MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]
