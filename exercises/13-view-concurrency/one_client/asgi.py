# Open ONE httpx.AsyncClient for the life of the server: wrap Django's application in an ASGI app
# that answers the "lifespan" scope itself. At startup set `upstreams.client = upstreams.make_client()`
# and acknowledge; at shutdown `await upstreams.client.aclose()`, then acknowledge. Pass every other
# scope on to Django. (Django's own handler refuses lifespan.)
# Lesson 13: Concurrency inside a view (`tutor lesson 13`)

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()

# TODO: `application` must handle scope["type"] == "lifespan" (startup: open the client; shutdown:
# close it) and hand everything else to `django_application`. As it is, nothing opens the client.
application = django_application
