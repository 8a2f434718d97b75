# expect: before anyone told it which settings module to use
# expect-ru: раньше, чем ему сказали, какой модуль настроек использовать
# Relies on whoever starts the server to set DJANGO_SETTINGS_MODULE.
from django.core.asgi import get_asgi_application

application = get_asgi_application()
