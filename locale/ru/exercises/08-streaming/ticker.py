# Server-Sent Events. GET /events отвечает 200 с `content-type: text/event-stream` и бесконечно отправляет
# событие после каждого `await tick()`: "id: 1\ndata: tick 1\n\n", затем 2, 3... (событие заканчивается
# пустой строкой). Остановитесь, как только клиент уйдёт (`http.disconnect`), и ведите `active_streams`
# правильно: +1, когда стрим начинается, -1, когда заканчивается, как бы он ни закончился.
# Другие пути: 404. Запустите `tutor run`, затем `curl -N` на события и нажмите Ctrl-C, чтобы уйти.
# Урок 8: Стриминг и реальное время (`tutor lesson 8`)

import asyncio

interval = 1.0  # секунд между двумя событиями
active_streams = 0  # сколько стримов /events открыто прямо сейчас


async def tick():
    """Ждёт, пока не придёт время следующего события (проверка подставляет на её место свою)."""
    await asyncio.sleep(interval)


async def app(scope, receive, send):
    """Отправляет по событию на каждый тик, пока клиент не отключится."""
    if scope["type"] != "http":
        return
    # TODO: 404 для других путей. Для /events: учтите стрим, отправьте начало ответа, затем по событию
    # на каждый тик и остановитесь, когда `receive()` вернёт {"type": "http.disconnect"}.
    await send({"type": "http.response.start", "status": 501, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not written yet: see ticker.py\n"})
