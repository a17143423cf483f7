# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
from .base import *
from .production import *

# local2.py is git-ignored: a developer's overrides
try:
    from .local2 import *
except:
    pass
