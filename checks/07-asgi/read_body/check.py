"""Checks for lesson 7, exercise `read_body.py`: a request body in several `http.request` messages."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import AppSlot, RecordingApp, _, fail, load_exercise, require_asgi_app, require_function, run_async

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
            _(
                "Your app did not answer within 1 s. Does `read_body` keep calling `receive()` after a message "
                "whose `more_body` is false? That was the last chunk: stop there. (Another `receive()` waits "
                "until the client disconnects.)"
            )
        )
    except httpx.HTTPError as exc:
        why = _(" Your app raised {error}.", error=spy.errors[0]) if spy.errors else ""
        fail(_("The request failed ({error_type}: {exc}).{why}", error_type=type(exc).__name__, exc=exc, why=why))


def _counts(response: httpx.Response, spy: _Chunker, body: bytes, how: str) -> None:
    """Check a 200 JSON answer with the right counts for `body`."""
    if response.status_code == 500 and spy.errors:
        error = spy.errors[0]
        if error.startswith("UnicodeDecodeError"):
            fail(
                _(
                    "Your app raised {error} for a UTF-8 body that arrived in chunks of {size} bytes. A chunk "
                    'can end in the middle of a character ("ü" is two bytes): decode the whole body once, '
                    "after joining every chunk, not chunk by chunk.",
                    error=error,
                    size=spy.size,
                )
            )
        if error.startswith("KeyError") and "more_body" in error:
            fail(
                _(
                    "Your app raised {error}. `more_body` is optional in an `http.request` message, and a missing "
                    "`more_body` means False (this was the last chunk). Read it with "
                    '`message.get("more_body", False)`.',
                    error=error,
                )
            )
        fail(
            _(
                "Your app raised {error} while reading a POST body {how}, so the server answered 500.",
                error=error,
                how=how,
            )
        )
    if response.status_code != 200:
        fail(_("POST {how} was answered with status {status}, expected 200.", how=how, status=response.status_code))
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("application/json"):
        fail(
            _(
                "The answer's content-type is {content_type!r}; a JSON answer says `application/json`. Use "
                "`send_json`, which sends that header.",
                content_type=content_type,
            )
        )
    try:
        data = json.loads(response.content)
    except ValueError:
        fail(
            _(
                "The answer is not valid JSON: {content!r}. Build it with `json.dumps(...)`.",
                content=response.content[:200],
            )
        )
    expected = {"bytes": len(body), "words": len(body.decode().split())}
    if not isinstance(data, dict) or data.get("bytes") != expected["bytes"]:
        got = data.get("bytes") if isinstance(data, dict) else None
        if got == spy.first_chunk and spy.size and len(body) > spy.size:
            fail(
                _(
                    "For a {size}-byte body {how}, your app counted only {got} bytes: the first "
                    "`http.request` message. A body can arrive in several messages; keep calling "
                    "`await receive()` and joining the `body` parts while `more_body` is true.",
                    size=len(body),
                    how=how,
                    got=got,
                )
            )
        if got == len(body.decode()):
            fail(
                _(
                    "For a {size}-byte body {how}, your app answered {data!r}; expected {expected!r}. It "
                    'counted characters: bytes are `len(body)` before decoding ("ü" is one character, two bytes).',
                    size=len(body),
                    how=how,
                    data=data,
                    expected=expected,
                )
            )
        fail(
            _(
                "For a {size}-byte body {how}, your app answered {data!r}; expected {expected!r}.",
                size=len(body),
                how=how,
                data=data,
                expected=expected,
            )
        )
    if data != expected:
        fail(
            _(
                "For the body {how}, your app answered {data!r}; expected {expected!r}. Words are what "
                "`text.split()` gives, counted on the decoded text; bytes are `len(body)` before decoding.",
                how=how,
                data=data,
                expected=expected,
            )
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
                _(
                    "`read_body` called `receive()` {calls} times for a body of {count} messages and was still "
                    "waiting after 0.5 s. The message with `more_body` false is the last one: stop there.",
                    calls=calls,
                    count=len(messages),
                )
            )

    body = run_async(scenario, within=3, what="`await read_body(receive)`")
    if body == b"one ":
        fail(
            _(
                "`read_body` returned only b'one ', the first message's body. Keep calling `await receive()` "
                "while `more_body` is true, and join every `body` part."
            )
        )
    if isinstance(body, str):
        fail(_('`read_body` returned text ({body!r}); return the body as bytes, `b"".join(chunks)`.', body=body))
    if body != b"one two three":
        fail(
            _(
                "`read_body` returned {body!r}; expected b'one two three', every message's `body` joined in order.",
                body=body,
            )
        )


def test_short_post(server: AppSlot) -> None:
    """POST "hello world" answers 200 {"bytes": 11, "words": 2} as application/json"""
    spy = _Chunker(require_asgi_app())

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", b"hello world", spy)
            _counts(response, spy, b"hello world", _("sent in one piece"))
            response = await _post(client, base + "/count", b"", spy)
            _counts(response, spy, b"", _("that is empty"))

    server.app = spy
    run_async(scenario(server.base), within=5, what=_("Your app (answering a POST)"))


def test_body_in_many_chunks(server: AppSlot) -> None:
    """a 264-byte body that arrives 7 bytes at a time is read whole"""
    spy = _Chunker(require_asgi_app(), size=7)

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", ASCII_TEXT, spy)
            _counts(response, spy, ASCII_TEXT, _("sent in 7-byte chunks"))
            response = await _post(client, base + "/upload", _trickle(ASCII_TEXT, 50), spy)
            _counts(response, spy, ASCII_TEXT, _("uploaded with chunked transfer encoding"))

    server.app = spy
    run_async(scenario(server.base), within=5, what=_("Your app (reading a body in chunks)"))


def test_utf8_split_inside_a_character(server: AppSlot) -> None:
    """UTF-8 text whose chunks end inside a character is decoded after joining"""
    spy = _Chunker(require_asgi_app(), size=5)

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", UTF8_TEXT, spy)
            _counts(response, spy, UTF8_TEXT, _("of UTF-8 text in 5-byte chunks"))

    server.app = spy
    run_async(scenario(server.base), within=5, what=_("Your app (reading UTF-8 text in chunks)"))


def test_more_body_may_be_missing(server: AppSlot) -> None:
    """a last message without `more_body` (it is optional: missing means false) ends the body"""
    spy = _Chunker(require_asgi_app(), size=40, omit_last_flag=True)

    async def scenario(base: str) -> None:
        async with _client() as client:
            response = await _post(client, base + "/", ASCII_TEXT, spy)
            _counts(response, spy, ASCII_TEXT, _("whose last message leaves out `more_body`"))

    server.app = spy
    run_async(scenario(server.base), within=5, what=_("Your app (reading a body)"))


def test_other_methods_get_405(server: AppSlot) -> None:
    """GET and PUT answer 405 Method Not Allowed"""
    spy = _Chunker(require_asgi_app())

    async def scenario(base: str) -> None:
        async with _client() as client:
            for method in ("GET", "PUT"):
                try:
                    response = await client.request(method, base + "/")
                except httpx.HTTPError as exc:
                    fail(
                        _(
                            "{method} / failed ({error_type}). Answer it with 405 at once, without reading.",
                            method=method,
                            error_type=type(exc).__name__,
                        )
                    )
                if response.status_code != 405:
                    fail(
                        _(
                            "{method} / was answered with status {status}; only POST is counted here, so "
                            'any other method gets 405 Method Not Allowed. Look at `scope["method"]` first.',
                            method=method,
                            status=response.status_code,
                        )
                    )

    server.app = spy
    run_async(scenario(server.base), within=5, what=_("Your app (answering GET)"))
