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
    # Ожидание приостанавливает только этот запрос: событийный цикл сервера тем временем обслуживает остальные.
    await asyncio.sleep(delay)
    # Ответ всегда состоит из сообщений двух типов, строго в таком порядке: начало (статус, заголовки)...
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    # ...затем тело. Без `more_body` это сообщение заодно и завершает ответ.
    await send({"type": "http.response.body", "body": b"Hello, ASGI!"})
