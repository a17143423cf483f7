from .dev import *  # noqa: F403

DATABASES = {"default": {"ENGINE": os.environ.get("SQL_ENGINE"), "NAME": os.environ.get("SQL_DATABASE")}}
SECRET_KEY = os.environ.get("SECRET_KEY")
