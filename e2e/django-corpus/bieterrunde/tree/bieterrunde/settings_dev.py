from .settings import *  # noqa: F403

INSTALLED_APPS += ["django_tasks_db"]
