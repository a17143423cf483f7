# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
