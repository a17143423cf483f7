import os

from .common import *  # noqa: F403

DEBUG = True
MEDIA_ROOT = os.path.join(TCMS_ROOT_PATH, "..", "uploads")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "tcms.tests.storage.RaiseWhenFileNotFound"  # noqa: F405
