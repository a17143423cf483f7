from pydotorg.settings.base import *

DEBUG = True
HAYSTACK_SEARCHBOX_SSL_URL = config("SEARCHBOX_SSL_URL", default="http://127.0.0.1:9200/")
