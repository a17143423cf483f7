import os

from google.oauth2 import service_account

from ..base import *  # noqa
from ..base import BASE_DIR, TEMPLATES, env

DEBUG = False
ALLOWED_HOSTS = ["tw.pycon.org", "staging.pycon.tw"]
EMAIL_BACKEND = env.email_url()["EMAIL_BACKEND"]
GS_CREDENTIALS = service_account.Credentials.from_service_account_file(
    os.path.join(BASE_DIR, "google-cloud-storage.json")
)
GS_BUCKET_NAME = "pycontw-static"
