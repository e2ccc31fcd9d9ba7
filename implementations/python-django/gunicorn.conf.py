"""gunicorn's settings: the lab's, shared with python-flask (labwsgi.gunicorn_config), and how a
Django worker lets go of its pools."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from labwsgi.gunicorn_config import gunicorn_settings

# gunicorn reads its settings from this module's names.
globals().update(gunicorn_settings("python-django", "labdjango.wsgi:application"))


def worker_exit(server, worker):
    from django.db import connections

    # Ends the pool's connections (django.db.connections closes each alias's pool).
    for connection in connections.all(initialized_only=True):
        connection.close_pool()
