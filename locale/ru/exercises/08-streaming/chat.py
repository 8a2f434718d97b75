# Чат-комната. WebSocket на /chat?name=Ada входит в `room` (без имени — "anonymous"). Каждое текстовое
# сообщение участника уходит всем участникам, включая отправителя, в виде "Ada: <текст>". Отключившийся
# участник покидает `room`, а остальные продолжают переписку. Другие пути отклоняйте через `websocket.close`.
# Запустите `tutor run` и откройте два-три терминала с `python -m websockets ws://.../chat?name=...`.
# Урок 8: Стриминг и реальное время (`tutor lesson 8`)

from urllib.parse import parse_qs

room = set()  # функции `send` участников, подключённых прямо сейчас (проверка читает len(room))


async def broadcast(text):
    """Отправляет `text` каждому участнику комнаты."""
    raise NotImplementedError("отправьте каждому участнику сообщение websocket.send с `text`")


async def app(scope, receive, send):
    """Соединение одного участника: войти в комнату, передавать каждое сообщение дальше, выйти при отключении."""
    if scope["type"] != "websocket":
        return
    # TODO: на `websocket.connect`: примите соединение (или закройте, для других путей) и войдите в комнату;
    # на `websocket.receive`: разошлите "<имя>: <текст>"; на `websocket.disconnect`: покиньте комнату и выйдите.
    raise NotImplementedError("примите соединение, войдите в комнату, рассылайте каждое сообщение, выйдите при отключении")
