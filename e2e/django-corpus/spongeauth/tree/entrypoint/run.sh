#!/bin/sh
python spongeauth/manage.py migrate
python spongeauth/manage.py collectstatic --noinput
gunicorn -b :8080 -w 4 --chdir spongeauth spongeauth.wsgi
