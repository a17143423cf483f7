import os
from pathlib import Path

from dotenv import load_dotenv, find_dotenv

load_dotenv(find_dotenv())

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.getenv(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_required(name: str) -> str:
    value = os.getenv(name)

    if not value:
        raise RuntimeError(f"{name} is required")

    return value.strip()


IS_DEV_ENV = env_bool("IS_DEV_ENV")
BEHIND_NGINX = env_bool("BEHIND_NGINX")

PROTOCOL = env_required("PROTOCOL")
DEPLOYMENT_HOST = env_required("DEPLOYMENT_HOST")

SECRET_KEY = env_required("BACKEND_SECRET_KEY")
DEBUG = IS_DEV_ENV

if BEHIND_NGINX:
    STATIC_URL = "/api/static/"
    STATIC_ROOT = "/var/www/idrive/backend-static"
else:
    STATIC_URL = "/static/"
    STATIC_ROOT = BASE_DIR / "staticfiles"

INSTALLED_APPS = [
    'django.contrib.admin',
    'website',
    'daphne',
    'channels',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
]

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://{os.environ['REDIS_ADDRESS']}",
        "OPTIONS": {"PASSWORD": os.environ['REDIS_PASSWORD']},
    }
}

WSGI_APPLICATION = 'website.wsgi.application'
ASGI_APPLICATION = 'website.asgi.application'

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["POSTGRES_NAME"],
        "USER": os.environ["POSTGRES_USER"],
        "PASSWORD": os.environ["POSTGRES_PASSWORD"],
        "HOST": os.environ["POSTGRES_ADDRESS"],
        "PORT": os.environ["POSTGRES_PORT"],
    }
}

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [f"redis://:{os.environ['REDIS_PASSWORD']}@{os.environ['REDIS_ADDRESS']}:{os.environ['REDIS_PORT']}"],
        },
    },
}
