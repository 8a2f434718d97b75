# Чат-комната. WebSocket-соединение на /chat?name=Ada входит в `room` (без имени — "anonymous").
# Каждое текстовое сообщение участника уходит всем участникам, включая отправителя, в виде
# "Ada: <текст>". Отключившийся участник покидает `room`, а остальные продолжают переписку. Другие
# пути отклоняйте через `websocket.close`. Запустите `tutor run` и откройте два-три терминала
# с `python -m websockets ws://.../chat?name=...`.
# Урок 8: Стриминг и работа в реальном времени (`tutor lesson 8`)

from urllib.parse import parse_qs

room = set()  # функции `send` участников, подключённых прямо сейчас (проверка читает len(room))


async def broadcast(text):
    """Отправляет `text` каждому участнику комнаты."""
    # Проходим по копии: участник может войти или уйти, пока мы ждём завершения отправки.
    for member in list(room):
        try:
            await member({"type": "websocket.send", "text": text})
        except OSError:
            # Этот участник только что ушёл (uvicorn выбрасывает ClientDisconnected, подкласс OSError);
            # его собственное соединение уже убирает его из комнаты. Продолжаем для всех остальных.
            room.discard(member)


async def app(scope, receive, send):
    """Соединение одного участника: войти в комнату, передавать каждое сообщение дальше, выйти при отключении."""
    if scope["type"] != "websocket":
        return
    name = parse_qs(scope["query_string"].decode()).get("name", ["anonymous"])[0]
    await receive()  # первое сообщение — всегда websocket.connect
    if scope["path"] != "/chat":
        await send({"type": "websocket.close"})  # отказ: рукопожатие завершится ошибкой 403
        return
    await send({"type": "websocket.accept"})
    room.add(send)
    try:
        while True:
            message = await receive()
            if message["type"] == "websocket.receive" and message.get("text") is not None:
                await broadcast(f"{name}: {message['text']}")
            elif message["type"] == "websocket.disconnect":
                return
    finally:
        room.discard(send)  # как бы мы ни вышли, этого участника больше нет
