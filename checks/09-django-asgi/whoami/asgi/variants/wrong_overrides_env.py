# expect: Use `os.environ.setdefault(...)`
# expect-ru: Используйте `os.environ.setdefault(...)`
# Assigning the variable overrides whatever settings module the deployment chose.
import os

from django.core.asgi import get_asgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "settings"

application = get_asgi_application()
