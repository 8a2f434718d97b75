# expect: must be set before that call
# expect-ru: нужно задать до этого вызова
import os

from django.core.asgi import get_asgi_application

application = get_asgi_application()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
