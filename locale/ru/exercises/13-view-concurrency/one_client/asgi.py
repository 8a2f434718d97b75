# Откройте ОДИН httpx.AsyncClient на всё время работы сервера: оберните приложение Django в ASGI-приложение,
# которое само отвечает на `scope` "lifespan". При запуске задайте `upstreams.client = upstreams.make_client()`
# и подтвердите запуск; при остановке выполните `await upstreams.client.aclose()`, затем подтвердите остановку.
# Любой другой `scope` передавайте в Django. (Собственный обработчик Django lifespan отвергает.)
# Урок 13: Конкурентность внутри представления (`tutor lesson 13`)

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()

# TODO: `application` должен обрабатывать scope["type"] == "lifespan" (запуск: открыть клиента; остановка:
# закрыть его) и передавать всё остальное в `django_application`. Сейчас клиента никто не открывает.
application = django_application
