# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
import os
import sys

if __name__ == "__main__":
    from configurations.management import execute_from_command_line

    os.environ.setdefault("DJANGO_CONFIGURATION", "BaseConfig")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.settings")
    execute_from_command_line(sys.argv)
