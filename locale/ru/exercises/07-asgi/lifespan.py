# Откройте общий ресурс один раз при запуске и закройте его при остановке через ASGI-протокол
# `lifespan`. В `lifespan`: на `lifespan.startup` выполните `pool = await open_pool()` (`pool` —
# глобальная переменная) и ответьте `lifespan.startup.complete` (или `lifespan.startup.failed`
# с текстом ошибки, если открыть не удалось); на `lifespan.shutdown` выполните `await pool.close()`,
# затем ответьте `lifespan.shutdown.complete`. HTTP-часть уже написана. Запустите `tutor run`,
# отправьте запрос через curl, нажмите Ctrl-C и посмотрите, как закрывается пул.
# Урок 7: WSGI и ASGI (`tutor lesson 7`)

import asyncio
import json


class Pool:
    """Имитация пула соединений с базой данных: открывается медленно, один на все запросы."""

    def __init__(self):
        self.queries = 0

    async def query(self):
        self.queries += 1
        return f"query #{self.queries} on the shared pool"

    async def close(self):
        await asyncio.sleep(0.1)
        print("pool closed")


async def open_pool():
    """Открывает пул. Вызывайте как `await open_pool()` (проверка подставляет вместо неё свою)."""
    await asyncio.sleep(0.2)
    print("pool opened")
    return Pool()


pool = None  # пул, общий для всех запросов: открывается при запуске, закрывается при остановке


async def lifespan(scope, receive, send):
    """Реализует протокол lifespan: открывает `pool` при запуске и закрывает его при остановке."""
    raise NotImplementedError("дождитесь lifespan.startup через await receive(), откройте пул, ответьте; затем обработайте остановку")


async def app(scope, receive, send):
    """Приложение: события lifespan уходят в `lifespan`; HTTP-запросы пользуются общим пулом."""
    if scope["type"] == "lifespan":
        await lifespan(scope, receive, send)
        return
    if pool is None:
        status, data = 503, {"error": "the pool is not open: did the lifespan startup run?"}
    else:
        status, data = 200, {"answer": await pool.query()}
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(data).encode()})
