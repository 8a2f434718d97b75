# Another correct answer: what get_asgi_application() does, written out.
import os

import django
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
django.setup(set_prefix=False)  # read the settings, configure logging, load the apps

application = ASGIHandler()  # loads the middleware chain in async mode
