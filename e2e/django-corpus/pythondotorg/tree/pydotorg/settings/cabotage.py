"""Settings for the production deployment (cabotage)."""

from decouple import Csv

from pydotorg.settings.base import *

DEBUG = False

HAYSTACK_SEARCHBOX_SSL_URL = config("SEARCHBOX_SSL_URL")

SECRET_KEY = config("SECRET_KEY")
ALLOWED_HOSTS = config("ALLOWED_HOSTS", cast=Csv())

MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]

MEDIAFILES_LOCATION = "media"
STORAGES = {
    "default": {"BACKEND": "custom_storages.storages.MediaStorage"},
    # a local ManifestFilesMixin + StaticFilesStorage with the pipeline mixin
    "staticfiles": {"BACKEND": "custom_storages.storages.PipelineManifestStorage"},
}

EMAIL_HOST = config("EMAIL_HOST")
EMAIL_HOST_USER = config("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD")
EMAIL_PORT = int(config("EMAIL_PORT"))
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL")

FASTLY_API_KEY = config("FASTLY_API_KEY")
SENTRY_DSN = config("SENTRY_DSN")
SOURCE_COMMIT = config("SOURCE_COMMIT")

AWS_ACCESS_KEY_ID = config("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = config("AWS_SECRET_ACCESS_KEY")
AWS_STORAGE_BUCKET_NAME = config("AWS_STORAGE_BUCKET_NAME")
AWS_S3_REGION_NAME = config("AWS_S3_REGION_NAME", default="us-east-1")
