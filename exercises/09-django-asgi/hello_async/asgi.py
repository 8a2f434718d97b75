"""The ASGI entry point: `uvicorn asgi:application` (or `daphne asgi:application`) serves the project."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

application = get_asgi_application()
