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
    # TODO: получите `websocket.connect`, затем примите соединение (а для других путей закройте его);
    # на каждое `websocket.receive` отвечайте эхом через `websocket.send`; на `websocket.disconnect` выйдите.
    raise NotImplementedError("примите WebSocket, возвращайте его сообщения эхом, выйдите, когда он отключится")
