from .base import *

SECRET_KEY = "test"
