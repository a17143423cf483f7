from django.core.asgi import get_asgi_application  # noqa: F401
