# expect: like a WSGI application
# expect-ru: как WSGI-приложение
import time

delay = 0.3


def app(environ, start_response):
    time.sleep(delay)
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Hello, ASGI!"]
