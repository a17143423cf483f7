# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
from channels.routing import ProtocolTypeRouter
from django.core.asgi import get_asgi_application

application = ProtocolTypeRouter({
    "http": get_asgi_application(),
})
