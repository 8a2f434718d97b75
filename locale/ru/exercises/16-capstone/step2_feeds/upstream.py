"""ЕДИНСТВЕННЫЙ общий HTTP-клиент приложения для обращений к другим сервисам.

`httpx.AsyncClient` держит пул открытых соединений: создайте один и делитесь им, но никогда не создавайте
по клиенту на запрос. Клиент принадлежит событийному циклу, в котором впервые работал (использование из
другого цикла падает с «Event loop is closed»), поэтому клиентов по одному на цикл: под uvicorn это один
клиент на весь процесс. В Django нет событий lifespan, чтобы закрыть его при остановке; сокеты закрываются
вместе с процессом.
"""

import asyncio
import weakref

import httpx

_clients = weakref.WeakKeyDictionary()  # событийный цикл -> его клиент


def shared_client():
    """Общий AsyncClient текущего событийного цикла (создаётся при первом использовании)."""
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None:
        # Здесь тайм-аута нет: каждый вызов сам указывает, сколько он может длиться (см. feeds.py).
        client = _clients[loop] = httpx.AsyncClient(timeout=None, headers={"User-Agent": "board/1.0"})
    return client
