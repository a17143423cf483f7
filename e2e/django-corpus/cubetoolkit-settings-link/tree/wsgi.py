# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
# at the repository root: uWSGI's module = wsgi, gunicorn wsgi --chdir /site
import os

os.environ["DJANGO_SETTINGS_MODULE"] = "toolkit.settings"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
