import environ

root = environ.Path(__file__) - 3
env = environ.FileAwareEnv(
    DD_DEBUG=(bool, False),
    DD_STATIC_URL=(str, "/static/"),
    DD_STATIC_ROOT=(str, root("static")),
    DD_DATABASE_ENGINE=(str, "django.db.backends.postgresql"),
    DD_DATABASE_NAME=(str, "defectdojo"),
    DD_SECRET_KEY=(str, ""),
)
DEBUG = env("DD_DEBUG")
ALLOWED_HOSTS = tuple(env.list("DD_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"]))
SECRET_KEY = env("DD_SECRET_KEY")
if env("DD_DATABASE_URL", default=None) is not None:
    DATABASES = {"default": env.db("DD_DATABASE_URL")}
else:
    DATABASES = {"default": {"ENGINE": env("DD_DATABASE_ENGINE"), "NAME": env("DD_DATABASE_NAME")}}
STATIC_ROOT = env("DD_STATIC_ROOT")
STATIC_URL = env("DD_STATIC_URL")
INSTALLED_APPS = (
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "dojo",
)
WSGI_APPLICATION = "dojo.wsgi.application"
