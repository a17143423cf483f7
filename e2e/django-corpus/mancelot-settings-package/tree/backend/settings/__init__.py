# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
from __future__ import absolute_import, unicode_literals
from settings.base import *

# the Celery app is imported when Django starts
from .celery import app as celery_app

__all__ = ("celery_app",)
