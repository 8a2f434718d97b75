# Напишите точку входа ASGI этого проекта: модуль, который импортируют `uvicorn asgi:application`
# и `daphne asgi:application`. Скажите Django, какой модуль настроек использовать ("settings",
# через os.environ.setdefault, чтобы окружение могло указать другой), *затем* создайте
# ASGI-приложение Django и назовите его `application`.
# Урок 9: Django на ASGI (`tutor lesson 9`)

import os

from django.core.asgi import get_asgi_application

# TODO: DJANGO_SETTINGS_MODULE = "settings", если окружение ещё не задало другое значение.

# TODO: ASGI-приложение Django, созданное один раз, когда сервер импортирует этот файл.
application = None
