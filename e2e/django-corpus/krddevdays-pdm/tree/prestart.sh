#! /usr/bin/env sh
python3 manage.py migrate --noinput
if [ "$DEBUG" != "True" ]; then
    python3 manage.py collectstatic --noinput
fi
