from .base import *

DEBUG = True
SECRET_KEY = "local-only"
