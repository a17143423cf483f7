import os

from .production import *

DEBUG = os.getenv("DEBUG", "False") == "True"
