# expect: must be set before that call
import os

from django.core.asgi import get_asgi_application

application = get_asgi_application()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
