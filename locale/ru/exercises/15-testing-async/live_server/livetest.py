"""Настоящий сервер uvicorn для тестов: ASGI-приложение на 127.0.0.1, на порту, который выберет ОС.

    server = LiveServer(application)
    server.start()          # возвращается, как только uvicorn начал слушать; server.url — "http://127.0.0.1:PORT"
    ...                     # обращайтесь к нему через httpx.AsyncClient, как это сделал бы браузер
    server.stop()           # просит uvicorn завершиться и ждёт его поток

uvicorn работает в потоке тестового процесса, в собственном событийном цикле: запросы ваших тестов
идут через настоящие сокеты, а приложение работает в точности как в продакшене под uvicorn.
"""

import socket
import threading
import time

import uvicorn


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.url = None
        self._server = None
        self._thread = None

    def start(self, within=5.0):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))  # порт 0: ОС выберет свободный порт, так что тесты никогда не столкнутся
        port = sock.getsockname()[1]
        # lifespan="off": ASGI-обработчик Django не поддерживает протокол lifespan.
        config = uvicorn.Config(self.app, lifespan="off", log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + within
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("uvicorn did not start: see its log above")
            time.sleep(0.01)
        self.url = f"http://127.0.0.1:{port}"

    def stop(self):
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(5)
