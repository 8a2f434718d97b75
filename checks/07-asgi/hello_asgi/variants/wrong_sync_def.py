# expect: must be a coroutine function
# expect-ru: должно быть корутинной функцией
delay = 0.3


def app(scope, receive, send):
    send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    send({"type": "http.response.body", "body": b"Hello, ASGI!"})
