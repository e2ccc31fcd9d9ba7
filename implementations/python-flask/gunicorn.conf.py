"""gunicorn's settings: the lab's, shared with python-django (labwsgi.gunicorn_config), and how a
Flask worker lets go of its pools."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from labwsgi.gunicorn_config import gunicorn_settings

# gunicorn reads its settings from this module's names.
globals().update(gunicorn_settings("python-flask", "labflask.wsgi:app"))


def worker_exit(server, worker):
    from labflask.app import close_app
    from labflask.wsgi import app

    close_app(app)
