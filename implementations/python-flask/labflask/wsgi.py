"""gunicorn's entry point: `gunicorn labflask.wsgi:app`."""

from .app import create_app

app = create_app()
