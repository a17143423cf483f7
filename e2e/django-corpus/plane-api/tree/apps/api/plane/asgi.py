import os

from channels.routing import ProtocolTypeRouter
from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plane.settings.production")
application = ProtocolTypeRouter({"http": get_asgi_application()})
