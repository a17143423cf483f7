# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import environ

ROOT_DIR = environ.Path(__file__) - 3  # backend/
APPS_DIR = ROOT_DIR.path("graditude")
FRONTEND_DIR = ROOT_DIR.path("../frontend")

env = environ.Env()

READ_DOT_ENV_FILE = env.bool("DJANGO_READ_DOT_ENV_FILE", default=False)
if READ_DOT_ENV_FILE:
    env.read_env(str(ROOT_DIR.path(".env")))

DEBUG = env.bool("DJANGO_DEBUG", False)

DATABASES = {"default": env.db("DATABASE_URL", default="postgres:///graditude")}

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
]
THIRD_PARTY_APPS = ["rest_framework", "corsheaders", "django_celery_beat"]
LOCAL_APPS = ["graditude.users.apps.UsersConfig", "graditude.jobs.apps.JobsConfig"]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

STATIC_ROOT = str(ROOT_DIR("staticfiles"))
STATIC_URL = "/static/"
STATICFILES_DIRS = [str(APPS_DIR.path("static"))]
MEDIA_ROOT = str(APPS_DIR("media"))
MEDIA_URL = "/media/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # the React build output is served as a template
        "DIRS": [str(APPS_DIR.path("templates")), str(FRONTEND_DIR.path("build"))],
        "APP_DIRS": True,
    }
]

CELERY_BROKER_URL = env("REDIS_URL")
CORS_ORIGIN_WHITELIST = env.list("CORS_ORIGIN_WHITELIST")
