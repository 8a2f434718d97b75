# Server-Sent Events. GET /events отвечает 200 с `content-type: text/event-stream` и бесконечно
# отправляет событие после каждого `await tick()`: "id: 1\ndata: tick 1\n\n", затем события
# с id 2, 3... (событие заканчивается пустой строкой). Остановитесь, как только клиент уйдёт
# (`http.disconnect`), и поддерживайте верное значение `active_streams`: +1, когда стрим начинается,
# -1, когда он заканчивается, как бы это ни случилось. Другие пути: 404. Запустите `tutor run`,
# затем откройте события через `curl -N` и нажмите Ctrl-C, чтобы отключиться.
# Урок 8: Стриминг и работа в реальном времени (`tutor lesson 8`)

import asyncio

interval = 1.0  # пауза между двумя событиями, в секундах
active_streams = 0  # сколько стримов /events открыто прямо сейчас


async def tick():
    """Ждёт, пока не придёт время следующего события (проверка подставляет вместо неё свою)."""
    await asyncio.sleep(interval)


async def app(scope, receive, send):
    """Отправляет по событию на каждый тик, пока клиент не отключится."""
    if scope["type"] != "http":
        return
    # TODO: 404 для других путей. Для /events: учтите стрим, отправьте начало ответа, затем по событию
    # на каждый тик и остановитесь, когда `receive()` вернёт {"type": "http.disconnect"}.
    await send({"type": "http.response.start", "status": 501, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not written yet: see ticker.py\n"})
