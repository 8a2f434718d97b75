"""Checks for lesson 7, exercise `read_body.py`: a request body in several `http.request` messages."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import AppSlot, RecordingApp, fail, load_exercise, require_asgi_app, require_function, run_async

ASCII_TEXT = b"the quick brown fox jumps over the lazy dog " * 6  # 264 bytes, 54 words
UTF8_TEXT = "Grüße aus Köln! Schöne Grüße, señora, ça va? Ünïcödé wörds everywhere. ".encode() * 3


# --- helpers (local to this check) --------------------------------------------------------
class _Chunker(RecordingApp):
    """Wraps the learner's app inside the server and cuts every request body into small
    `http.request` messages, as a slow client or a big upload would arrive. Records errors."""

    def __init__(self, app: Any, size: int | None = None, omit_last_flag: bool = False) -> None:
        super().__init__(app)
        self.size = size
        self.omit_last_flag = omit_last_flag
        self.first_chunk = 0
        self.reads = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        pending: list[dict[str, Any]] = []

        async def chunked_receive() -> dict[str, Any]:
            self.reads += 1
            if not pending:
                message = await receive()
                if message["type"] != "http.request" or self.size is None:
                    return message
                body, more = message.get("body", b""), message.get("more_body", False)
                pieces = [body[i : i + self.size] for i in range(0, len(body), self.size)] or [b""]
                for index, piece in enumerate(pieces):
                    pending.append(
                        {"type": "http.request", "body": piece, "more_body": more or index < len(pieces) - 1}
                    )
                if not more and self.omit_last_flag:
                    del pending[-1]["more_body"]  # allowed by the ASGI spec: missing means False
                if not self.first_chunk:
                    self.first_chunk = len(pending[0]["body"])
            return pending.pop(0)

        await super().__call__(scope, chunked_receive, send)


@pytest.fixture(scope="module")
def server() -> Iterator[AppSlot]:
    """One uvicorn server on 127.0.0.1 for the whole check file, always stopped at the end."""
    with AppSlot().serve() as slot:
        yield slot


def _client() -> httpx.AsyncClient:
    # trust_env=False: never send the check's loopback requests through a proxy from the environment.
    return httpx.AsyncClient(timeout=httpx.Timeout(1.0), trust_env=False)


async def _post(client: httpx.AsyncClient, url: str, content: Any, spy: _Chunker) -> httpx.Response:
    try:
        return await client.post(url, content=content)
    except httpx.TimeoutException:
        fail(
            "Your app did not answer within 1 s. Does `read_body` keep calling `receive()` after a message "
            "whose `more_body` is false? That was the last chunk: stop there. (Another `receive()` waits "
            "until the client disconnects.)"
        )
    except httpx.HTTPError as exc:
        why = f" Your app raised {spy.errors[0]}." if spy.errors else ""
        fail(f"The request failed ({type(exc).__name__}: {exc}).{why}")


def _counts(response: httpx.Response, spy: _Chunker, body: bytes, how: str) -> None:
    """Check a 200 JSON answer with the right counts for `body`."""
    if response.status_code == 500 and spy.errors:
        error = spy.errors[0]
        if error.startswith("UnicodeDecodeError"):
            fail(
                f"Your app raised {error} for a UTF-8 body that arrived in chunks of {spy.size} bytes. A chunk "
                f'can end in the middle of a character ("ü" is two bytes): decode the whole body once, '
                f"after joining every chunk, not chunk by chunk."
            )
        if error.startswith("KeyError") and "more_body" in error:
            fail(
                f"Your app raised {error}. `more_body` is optional in an `http.request` message, and a missing "
                f"`more_body` means False (this was the last chunk). Read it with "
                f'`message.get("more_body", False)`.'
            )
        fail(f"Your app raised {error} while reading a POST body {how}, so the server answered 500.")
    if response.status_code != 200:
        fail(f"POST {how} was answered with status {response.status_code}, expected 200.")
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("application/json"):
        fail(
            f"The answer's content-type is {content_type!r}; a JSON answer says `application/json`. Use "
            f"`send_json`, which sends that header."
        )
    try:
        data = json.loads(response.content)
    except ValueError:
        fail(f"The answer is not valid JSON: {response.content[:200]!r}. Build it with `json.dumps(...)`.")
    expected = {"bytes": len(body), "words": len(body.decode().split())}
    if not isinstance(data, dict) or data.get("bytes") != expected["bytes"]:
        got = data.get("bytes") if isinstance(data, dict) else None
        if got == spy.first_chunk and spy.size and len(body) > spy.size:
            fail(
                f"For a {len(body)}-byte body {how}, your app counted only {got} bytes: the first "
                f"`http.request` message. A body can arrive in several messages; keep calling "
                f"`await receive()` and joining the `body` parts while `more_body` is true."
            )
        if got == len(body.decode()):
            fail(
                f"For a {len(body)}-byte body {how}, your app answered {data!r}; expected {expected!r}. It "
                f'counted characters: bytes are `len(body)` before decoding ("ü" is one character, two bytes).'
            )
        fail(f"For a {len(body)}-byte body {how}, your app answered {data!r}; expected {expected!r}.")
    if data != expected:
        fail(
            f"For the body {how}, your app answered {data!r}; expected {expected!r}. Words are what "
            f"`text.split()` gives, counted on the decoded text; bytes are `len(body)` before decoding."
        )


async def _trickle(body: bytes, size: int) -> AsyncIterator[bytes]:
    """A request body the client sends in pieces, pausing between them (chunked transfer encoding)."""
    for start in range(0, len(body), size):
        yield body[start : start + size]
        await asyncio.sleep(0.005)


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    require_asgi_app()


def test_read_body_joins_every_message() -> None:
    """read_body(receive) returns the whole body, from several `http.request` messages"""
    read_body = require_function(load_exercise(), "read_body", is_async=True)
    messages = [
        {"type": "http.request", "body": b"one ", "more_body": True},
        {"type": "http.request", "body": b"", "more_body": True},
        {"type": "http.request", "body": b"two ", "more_body": True},
        {"type": "http.request", "body": b"three", "more_body": False},
    ]
    calls = 0

    async def receive() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls <= len(messages):
            return messages[calls - 1]
        await asyncio.Event().wait()  # like a real server: nothing more comes until the client leaves
        raise AssertionError("unreachable")

    async def scenario() -> Any:
        try:
            async with asyncio.timeout(0.5):
                return await read_body(receive)
        except TimeoutError:
            fail(
                f"`read_body` called `receive()` {calls} times for a body of {len(messages)} messages and was still "
                f"waiting after 0.5 s. The message with `more_body` false is the last one: stop there."
            )

    body = run_async(scenario, within=3, what="`await read_body(receive)`")
    if body == b"one ":
        fail(
            "`read_body` returned only b'one ', the first message's body. Keep calling `await receive()` "
            "while `more_body` is true, and join every `body` part."
        )
    if isinstance(body, str):
        fail(f'`read_body` returned text ({body!r}); return the body as bytes, `b"".join(chunks)`.')
    if body != b"one two three":
        fail(f"`read_body` returned {body!r}; expected b'one two three', every message's `body` joined in order.")


def test_short_post(server: AppSlot) -> None:
    """POST "hello world" answers 200 {"bytes": 11, "words": 2} as application/json"""
    spy = _Chunker(require_asgi_app())

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", b"hello world", spy)
            _counts(response, spy, b"hello world", "sent in one piece")
            response = await _post(client, base + "/count", b"", spy)
            _counts(response, spy, b"", "that is empty")

    server.app = spy
    run_async(scenario(server.base), within=5, what="Your app (answering a POST)")


def test_body_in_many_chunks(server: AppSlot) -> None:
    """a 264-byte body that arrives 7 bytes at a time is read whole"""
    spy = _Chunker(require_asgi_app(), size=7)

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", ASCII_TEXT, spy)
            _counts(response, spy, ASCII_TEXT, "sent in 7-byte chunks")
            response = await _post(client, base + "/upload", _trickle(ASCII_TEXT, 50), spy)
            _counts(response, spy, ASCII_TEXT, "uploaded with chunked transfer encoding")

    server.app = spy
    run_async(scenario(server.base), within=5, what="Your app (reading a body in chunks)")


def test_utf8_split_inside_a_character(server: AppSlot) -> None:
    """UTF-8 text whose chunks end inside a character is decoded after joining"""
    spy = _Chunker(require_asgi_app(), size=5)

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", UTF8_TEXT, spy)
            _counts(response, spy, UTF8_TEXT, "of UTF-8 text in 5-byte chunks")

    server.app = spy
    run_async(scenario(server.base), within=5, what="Your app (reading UTF-8 text in chunks)")


def test_more_body_may_be_missing(server: AppSlot) -> None:
    """a last message without `more_body` (it is optional: missing means false) ends the body"""
    spy = _Chunker(require_asgi_app(), size=40, omit_last_flag=True)

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", ASCII_TEXT, spy)
            _counts(response, spy, ASCII_TEXT, "whose last message leaves out `more_body`")

    server.app = spy
    run_async(scenario(server.base), within=5, what="Your app (reading a body)")


def test_other_methods_get_405(server: AppSlot) -> None:
    """GET and PUT answer 405 Method Not Allowed"""
    spy = _Chunker(require_asgi_app())

    async def scenario(base: str) -> None:
        async with _client() as client:
            for method in ("GET", "PUT"):
                try:
                    response = await client.request(method, base + "/")
                except httpx.HTTPError as exc:
                    fail(f"{method} / failed ({type(exc).__name__}). Answer it with 405 at once, without reading.")
                if response.status_code != 405:
                    fail(
                        f"{method} / was answered with status {response.status_code}; only POST is counted here, so "
                        f'any other method gets 405 Method Not Allowed. Look at `scope["method"]` first.'
                    )

    server.app = spy
    run_async(scenario(server.base), within=5, what="Your app (answering GET)")
