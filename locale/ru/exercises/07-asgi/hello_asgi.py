# Напишите «голое» ASGI-приложение, без фреймворка. На каждый HTTP-запрос `app` ждёт `delay`
# секунд, ничего не блокируя (это имитация обращения к базе данных), а затем отвечает статусом 200
# с телом `Hello, ASGI!` и заголовком `content-type: text/plain; charset=utf-8`. Заголовки и тело —
# байты. `tutor run` запускает приложение (попробуйте и `--server daphne`); проверка запускает его
# под uvicorn и под Daphne.
# Урок 7: WSGI и ASGI (`tutor lesson 7`)

import asyncio

delay = 0.3  # сколько секунд ждать перед ответом; проверка меняет это значение


async def app(scope, receive, send):
    """Отвечает на каждый HTTP-запрос текстом "Hello, ASGI!", подождав `delay` секунд."""
    if scope["type"] != "http":
        return  # приложение обслуживает только HTTP (uvicorn также один раз вызывает его со `scope` типа "lifespan")
    # TODO: подождите `delay` секунд без блокировки, затем отправьте два сообщения ответа:
    # `http.response.start` (статус и заголовки), потом `http.response.body` (байты).
    await send({"type": "http.response.start", "status": 501, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not written yet: see hello_asgi.py\n"})
