import os

from configurations import Configuration, values

DATA_DIR = os.path.join("/", "data")


class Base(Configuration):
    SECRET_KEY = values.Value(None)
    ALLOWED_HOSTS = values.ListValue([])
    WSGI_APPLICATION = "joanie.wsgi.application"
    DATABASES = {
        "default": {
            "ENGINE": values.Value("django.db.backends.postgresql_psycopg2", environ_name="DB_ENGINE", environ_prefix=None),
            "NAME": values.Value("joanie", environ_name="DB_NAME", environ_prefix=None),
        }
    }
    STATIC_URL = "/static/"
    STATIC_ROOT = os.path.join(DATA_DIR, "static")
    MEDIA_ROOT = os.path.join(DATA_DIR, "media")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    INSTALLED_APPS = [
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ]
    SIMPLE_JWT = {"SIGNING_KEY": values.SecretValue(environ_name="JWT_PRIVATE_SIGNING_KEY")}


class Build(Base):
    SECRET_KEY = values.Value("DummyKey")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


class Development(Base):
    DEBUG = True


class Production(Base):
    ALLOWED_HOSTS = values.ListValue(None)
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        "staticfiles": {
            "BACKEND": values.Value(
                "whitenoise.storage.CompressedManifestStaticFilesStorage",
                environ_name="STORAGES_STATICFILES_BACKEND",
            )
        },
    }
