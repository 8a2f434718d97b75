# expect: refused it
# expect-ru: обработчик Django его отверг
# Django's handler served directly: it raises for the lifespan scope, so nothing opens the client.
import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()

application = django_application
upstreams.client = None
