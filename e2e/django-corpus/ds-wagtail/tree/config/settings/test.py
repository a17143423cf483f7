from .production import *
