# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os

from toolkit.settings_common import *

SECRET_KEY = os.environ["SECRET_KEY"]
