# expect: Django built a WSGIRequest
# expect-ru: Django создал WSGIRequest
# "ASGI" on the outside, Django's WSGI handler inside.
import os

from asgiref.wsgi import WsgiToAsgi
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

application = WsgiToAsgi(get_wsgi_application())
