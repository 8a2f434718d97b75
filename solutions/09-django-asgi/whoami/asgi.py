# Write this project's ASGI entry point: the module `uvicorn asgi:application` and
# `daphne asgi:application` import. Tell Django which settings module to use ("settings", with
# os.environ.setdefault, so the environment can still name another one), *then* build Django's
# ASGI application, and name it `application`.
# Lesson 9: Django on ASGI (`tutor lesson 9`)

import os

from django.core.asgi import get_asgi_application

# First the settings: get_asgi_application() reads them at once (django.setup()). setdefault
# keeps a DJANGO_SETTINGS_MODULE the environment already has, e.g. production settings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

# Then the application: Django's ASGIHandler, an `async def __call__(scope, receive, send)`.
application = get_asgi_application()
