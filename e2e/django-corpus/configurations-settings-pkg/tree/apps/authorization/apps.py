# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
from django.apps import AppConfig


class AuthorizationConfig(AppConfig):
    name = "apps.authorization"
