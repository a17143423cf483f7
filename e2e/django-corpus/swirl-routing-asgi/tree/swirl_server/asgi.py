# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os

import django
from channels.routing import get_default_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swirl_server.settings")

django.setup()
# get_default_application() loads the router ASGI_APPLICATION names
application = get_default_application()
