import os

from config.env import BASE_DIR, env

FILE_UPLOAD_STORAGE = env("FILE_UPLOAD_STORAGE", default="local")
if FILE_UPLOAD_STORAGE == "local":
    MEDIA_ROOT = os.path.join(BASE_DIR, "media")
    MEDIA_URL = "/media/"
if FILE_UPLOAD_STORAGE == "s3":
    DEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
