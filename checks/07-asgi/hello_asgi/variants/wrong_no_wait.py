# expect: your app should wait 0.3 s
# expect-ru: ваше приложение должно ждать 0,3 с
delay = 0.3


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain; charset=utf-8")]}
    )
    await send({"type": "http.response.body", "body": b"Hello, ASGI!"})
