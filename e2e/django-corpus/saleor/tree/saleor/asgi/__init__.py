import os

from .asgi_handler import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor.settings")
application = get_asgi_application()
