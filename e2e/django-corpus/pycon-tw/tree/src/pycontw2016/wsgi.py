import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault(
    'DJANGO_SETTINGS_MODULE',
    'pycontw2016.settings.production.pycontw2016',
)
application = get_wsgi_application()
