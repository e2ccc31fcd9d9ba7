"""gunicorn's entry point: `gunicorn labdjango.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application
from labwsgi.serving import LabMiddleware

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labdjango.settings")

application = LabMiddleware(get_wsgi_application())
