# Эхо на WebSocket. Примите WebSocket на /echo и сразу отправляйте каждое сообщение обратно: текст
# текстом, байты байтами, пока клиент не отключится; затем выйдите. WebSocket на любом другом пути
# отклоняйте: отвечайте на его `websocket.connect` сообщением `websocket.close` (клиент получит 403).
# Обычные HTTP-запросы получают 404. Запустите `tutor run` и поговорите с приложением через
# `python -m websockets`.
# Урок 8: Стриминг и работа в реальном времени (`tutor lesson 8`)


async def app(scope, receive, send):
    """Возвращает отправителю каждое WebSocket-сообщение на /echo."""
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"Not found: open a websocket on /echo\n"})
        return
    if scope["type"] != "websocket":
        return
    while True:
        message = await receive()
        if message["type"] == "websocket.connect":
            if scope["path"] != "/echo":
                await send({"type": "websocket.close"})  # до принятия соединения: рукопожатие завершится ошибкой (403)
                return
            await send({"type": "websocket.accept"})
        elif message["type"] == "websocket.receive":
            # В сообщении есть либо "text" (str), либо "bytes"; второй ключ равен None или отсутствует.
            if message.get("text") is not None:
                await send({"type": "websocket.send", "text": message["text"]})
            else:
                await send({"type": "websocket.send", "bytes": message["bytes"]})
        elif message["type"] == "websocket.disconnect":
            return  # соединения больше нет: ничего больше не придёт
