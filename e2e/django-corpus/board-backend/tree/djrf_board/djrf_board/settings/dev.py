from .base import *

DEBUG = True
SECRET_KEY = "fixture-dev-only"
ALLOWED_HOSTS = ["*"]
