# Another correct answer: a class with one method per message type, dispatched by name.


class Echo:
    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 404})
            await send({"type": "http.response.body", "body": b"websocket only"})
        elif scope["type"] == "websocket":
            while True:
                message = await receive()
                handler = getattr(self, message["type"].replace(".", "_"))
                if await handler(scope, message, send) is False:
                    return

    async def websocket_connect(self, scope, message, send):
        if scope["path"] == "/echo":
            await send({"type": "websocket.accept"})
            return True
        await send({"type": "websocket.close", "code": 1008})
        return False

    async def websocket_receive(self, scope, message, send):
        if "bytes" in message and message["bytes"] is not None:
            await send({"type": "websocket.send", "bytes": message["bytes"]})
        else:
            await send({"type": "websocket.send", "text": message["text"]})

    async def websocket_disconnect(self, scope, message, send):
        return False


app = Echo()
