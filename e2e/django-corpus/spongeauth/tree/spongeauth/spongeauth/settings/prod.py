from .utils import fetch_git_sha
from .base import *

GIT_REPO_ROOT = os.path.dirname(BASE_DIR)
PARENT_ROOT = os.path.dirname(GIT_REPO_ROOT)

DEBUG = False

SECRET_KEY = os.environ["SECRET_KEY"]
DEFAULT_FROM_EMAIL = os.environ["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = os.environ["SERVER_EMAIL"]
CSRF_TRUSTED_ORIGINS = os.environ["CSRF_TRUSTED_ORIGINS"].split(",")

EMAIL_USE_TLS = os.environ["EMAIL_TLS"] == "true"
EMAIL_USE_SSL = os.environ["EMAIL_SSL"] == "true"
EMAIL_HOST = os.environ["EMAIL_HOST"]
EMAIL_PORT = int(os.environ["EMAIL_PORT"])
EMAIL_HOST_USER = os.environ["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]

STATICFILES_STORAGE = "core.staticfiles.SourcemapManifestStaticFilesStorage"
# outside the repository: beside it, in the deploy user's home
STATIC_ROOT = os.path.join(PARENT_ROOT, "public_html", "static")
