from .pycontw2025 import *  # noqa
