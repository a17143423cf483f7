import os

from .common import *  # noqa

DEBUG = int(os.environ.get("DEBUG", 0)) == 1
