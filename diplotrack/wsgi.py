"""WSGI entry point, served by gunicorn: `gunicorn diplotrack.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplotrack.settings")

application = get_wsgi_application()
