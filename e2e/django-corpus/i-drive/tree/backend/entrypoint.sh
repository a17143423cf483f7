#!/bin/bash
python manage.py collectstatic --noinput
celery -A website worker -l INFO -P eventlet &
gunicorn -k uvicorn.workers.UvicornWorker -w 4 --bind 0.0.0.0:8000 website.asgi:application
