from .base import *  # noqa
from .base import env

SECRET_KEY = env("DJANGO_SECRET_KEY")
DATABASES["default"] = env.db("DATABASE_URL")  # noqa F405
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": env("REDIS_URL")}}
ADMIN_URL = env("DJANGO_ADMIN_URL")
INSTALLED_APPS += ["anymail"]  # noqa F405
ANYMAIL = {
    "MAILGUN_API_KEY": env("MAILGUN_API_KEY"),
    "MAILGUN_SENDER_DOMAIN": env("MAILGUN_DOMAIN"),
}
COMPRESS_ENABLED = env.bool("DJANGO_COMPRESS_ENABLED", default=True)
COMPRESS_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
INSTALLED_APPS = ["collectfast"] + INSTALLED_APPS  # noqa F405
