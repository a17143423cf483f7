import os

import dotenv
from django.core.wsgi import get_wsgi_application

dotenv.load_dotenv()
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'krddevdays.settings')

_application = get_wsgi_application()


def application(environ, start_response):
    # honours a script-name prefix set by the proxy
    script_name = environ.get('HTTP_X_SCRIPT_NAME', '')
    if script_name:
        environ['SCRIPT_NAME'] = script_name
    return _application(environ, start_response)
