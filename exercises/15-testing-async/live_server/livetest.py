"""A real uvicorn server for tests: the ASGI app served on 127.0.0.1, on a port the OS picks.

    server = LiveServer(application)
    server.start()          # returns once uvicorn listens; server.url is "http://127.0.0.1:PORT"
    ...                     # talk to it with httpx.AsyncClient, as a browser would
    server.stop()           # asks uvicorn to exit and waits for its thread

uvicorn runs in a thread of the test process, with an event loop of its own: your tests' requests
travel through real sockets, and the app runs exactly as in production under uvicorn.
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
        sock.bind(("127.0.0.1", 0))  # port 0: the OS picks a free port, so tests never collide
        port = sock.getsockname()[1]
        # lifespan="off": Django's ASGI handler does not speak the lifespan protocol.
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
