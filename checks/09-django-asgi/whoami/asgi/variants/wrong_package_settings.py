# expect: No module named 'mysite'
# expect-ru: No module named 'mysite'
# The settings path of a startproject layout, in a flat project.
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

application = get_asgi_application()
