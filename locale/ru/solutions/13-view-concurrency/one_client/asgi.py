# Откройте ОДИН httpx.AsyncClient на всё время работы сервера: оберните приложение Django в ASGI-приложение,
# которое само отвечает на `scope` "lifespan". При запуске задайте `upstreams.client = upstreams.make_client()`
# и подтвердите запуск; при остановке выполните `await upstreams.client.aclose()`, затем подтвердите остановку.
# Любой другой `scope` передавайте в Django. (Собственный обработчик Django lifespan отвергает.)
# Урок 13: Конкурентность внутри представления (`tutor lesson 13`)

import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()


async def application(scope, receive, send):
    if scope["type"] != "lifespan":
        await django_application(scope, receive, send)  # http: Django, как обычно
        return
    # Один вызов на всё время работы сервера: сервер присылает startup, а позже shutdown.
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            upstreams.client = upstreams.make_client()  # внутри событийного цикла сервера
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await upstreams.client.aclose()  # сначала закрыть: после нашего ответа сервер может завершиться
            await send({"type": "lifespan.shutdown.complete"})
            return
