# Напишите точку входа ASGI этого проекта: модуль, который импортируют `uvicorn asgi:application`
# и `daphne asgi:application`. Скажите Django, какой модуль настроек использовать ("settings",
# через os.environ.setdefault, чтобы окружение могло указать другой), *затем* создайте
# ASGI-приложение Django и назовите его `application`.
# Урок 9: Django на ASGI (`tutor lesson 9`)

import os

from django.core.asgi import get_asgi_application

# Сначала настройки: get_asgi_application() сразу их читает (django.setup()). setdefault
# сохраняет DJANGO_SETTINGS_MODULE, если окружение уже задало её, например настройки продакшена.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

# Затем приложение: ASGIHandler из Django, объект с `async def __call__(scope, receive, send)`.
application = get_asgi_application()
