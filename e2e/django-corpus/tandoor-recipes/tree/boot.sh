#!/bin/sh
python manage.py collectstatic --noinput --clear
exec gunicorn --bind unix:/tmp/tandoor.sock recipes.wsgi
