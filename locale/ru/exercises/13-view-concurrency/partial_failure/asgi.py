"""Точка входа ASGI: `uvicorn asgi:application` обслуживает проект.

Собственный обработчик Django отвергает ASGI-`scope` "lifespan", поэтому `application` оборачивает его:
при запуске открывает единственный клиент для внешних сервисов (`upstreams.client`), при остановке
закрывает его, а каждый HTTP-запрос передаёт в Django. (Эту обёртку вы писали в упражнении 1 урока 13.)
"""

import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()


async def application(scope, receive, send):
    if scope["type"] != "lifespan":
        await django_application(scope, receive, send)
        return
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            upstreams.client = upstreams.make_client()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await upstreams.client.aclose()
            await send({"type": "lifespan.shutdown.complete"})
            return
