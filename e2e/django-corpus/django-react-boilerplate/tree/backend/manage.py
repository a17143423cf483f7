#!/usr/bin/env python
import os
import sys

from decouple import config

if __name__ == "__main__":
    # no default: the module comes from backend/.env
    settings_module = config("DJANGO_SETTINGS_MODULE", default=None)
    if sys.argv[1] == "test":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project_name.settings.test")
    else:
        if settings_module is None:
            print("Error: no DJANGO_SETTINGS_MODULE found.")
            sys.exit(1)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
