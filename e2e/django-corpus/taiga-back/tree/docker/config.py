from .common import *
import os

DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": os.getenv("POSTGRES_DB")}}
SECRET_KEY = os.getenv("TAIGA_SECRET_KEY")
