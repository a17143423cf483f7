# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
# the plain Django ASGI entry (no DJANGO_CONFIGURATION default, no configurations importer)
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.settings")

application = get_asgi_application()
