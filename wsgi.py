"""WSGI entry point for gunicorn and `flask --app wsgi`."""

from participation import create_app

app = create_app()
