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


async def send_events(send):
    """Отправляет по событию на каждый тик, бесконечно (пока задачу не отменят)."""
    number = 0
    while True:
        await tick()
        number += 1
        event = f"id: {number}\ndata: tick {number}\n\n"  # пустая строка завершает событие
        await send({"type": "http.response.body", "body": event.encode(), "more_body": True})


async def wait_for_disconnect(receive):
    """Возвращает управление, когда клиент ушёл."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def app(scope, receive, send):
    """Отправляет по событию на каждый тик, пока клиент не отключится."""
    global active_streams
    if scope["type"] != "http":
        return
    if scope["path"] != "/events":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"Not found\n"})
        return

    active_streams += 1
    try:
        headers = [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        # Две вещи одновременно: генерируем события и слушаем, не ушёл ли клиент. Под uvicorn отправка
        # ушедшему клиенту не выбрасывает исключений, так что узнать об этом можно только из `receive()`.
        async with asyncio.TaskGroup() as group:
            events = group.create_task(send_events(send))
            await wait_for_disconnect(receive)
            events.cancel()  # клиент ушёл: прекращаем генерировать события (группа дождётся конца задачи)
    finally:
        active_streams -= 1  # выполняется, как бы мы ни вышли: отключение, ошибка или отмена
