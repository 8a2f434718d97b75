# Write this project's ASGI entry point: the module `uvicorn asgi:application` and
# `daphne asgi:application` import. Tell Django which settings module to use ("settings", with
# os.environ.setdefault, so the environment can still name another one), *then* build Django's
# ASGI application, and name it `application`.
# Lesson 9: Django on ASGI (`tutor lesson 9`)

import os

from django.core.asgi import get_asgi_application

# TODO: DJANGO_SETTINGS_MODULE = "settings", unless the environment already says otherwise.

# TODO: Django's ASGI application, built once, when the server imports this file.
application = None
