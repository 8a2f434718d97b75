"""Checks for lesson 7, exercise `router.py`: route by method and path, answer JSON with the right status."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import AppSlot, RecordingApp, _, fail, load_exercise, require_asgi_app, run_async


# --- helpers (local to this check) --------------------------------------------------------
def _asgi_app() -> Any:
    """The learner's `app` (with `todos` emptied), failing with a teaching message when it is not ASGI."""
    app = require_asgi_app()
    todos = getattr(load_exercise(), "todos", None)
    if not isinstance(todos, dict):
        fail(_("Keep the module-level `todos = {}`, a dict from id to to-do: the check empties it between checks."))
    todos.clear()
    return app


class _Api:
    """A small client for the learner's server: every call checks the answer is JSON."""

    def __init__(self, client: httpx.AsyncClient, base: str, spy: RecordingApp) -> None:
        self.client, self.base, self.spy = client, base, spy

    async def call(self, method: str, path: str, body: bytes | None = None) -> tuple[httpx.Response, Any]:
        what = f"{method} {path}" + (_(" with the body {body!r}", body=body) if body is not None else "")
        self.spy.errors.clear()
        try:
            response = await self.client.request(method, self.base + path, content=body)
        except httpx.TimeoutException:
            fail(_("{what} got no answer within 2 s. Does every route send a response, and only one?", what=what))
        except httpx.HTTPError as exc:
            why = _(" Your app raised {error}.", error=self.spy.errors[0]) if self.spy.errors else ""
            fail(
                _(
                    "{what} failed ({error_type}: {exc}).{why}",
                    what=what,
                    error_type=type(exc).__name__,
                    exc=exc,
                    why=why,
                )
            )
        if response.status_code == 500 and self.spy.errors:
            error = self.spy.errors[0]
            hint = ""
            if error.startswith(("JSONDecodeError", "UnicodeDecodeError")):
                hint = _(
                    " A client can send anything: catch the error of `json.loads(...)` (`json.JSONDecodeError`, "
                    "a `ValueError`) and answer 400 Bad Request instead of crashing."
                )
            elif error.startswith("ValueError") and "int()" in error:
                hint = _(" The path held no number: answer 404 for it, as for any unknown path, instead of crashing.")
            elif error.startswith(("AttributeError", "TypeError", "KeyError")) and body is not None:
                hint = _(
                    ' The JSON was valid but not {"title": "..."}: check its shape, and answer 400 when it is wrong.'
                )
            fail(
                _(
                    "{what} crashed your app ({error}), so the server answered 500.{hint}",
                    what=what,
                    error=error,
                    hint=hint,
                )
            )
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("application/json"):
            fail(
                _(
                    "{what} was answered ({status}) with the content-type {content_type!r} and "
                    "{content!r}. Every answer of this API is JSON, errors too: use `send_json`, "
                    'for example `await send_json(send, 404, {{"error": "not found"}})`.',
                    what=what,
                    status=response.status_code,
                    content_type=content_type,
                    content=response.content[:80],
                )
            )
        try:
            data = json.loads(response.content)
        except ValueError:
            fail(_("{what} was answered with invalid JSON: {content!r}.", what=what, content=response.content[:120]))
        return response, data

    async def expect_error(self, method: str, path: str, status: int, body: bytes | None = None) -> httpx.Response:
        response, data = await self.call(method, path, body)
        what = f"{method} {path}" + (_(" with the body {body!r}", body=body) if body is not None else "")
        if response.status_code != status:
            fail(
                _(
                    "{what} was answered with {got}; expected {status}. {why}",
                    what=what,
                    got=response.status_code,
                    status=status,
                    why=_WHY[status],
                )
            )
        if not (isinstance(data, dict) and isinstance(data.get("error"), str)):
            fail(
                _(
                    "{what} answered {status} with {data!r}; an error answer is a JSON object "
                    'such as {{"error": "..."}}.',
                    what=what,
                    status=status,
                    data=data,
                )
            )
        return response


@pytest.fixture(scope="module")
def server() -> Iterator[AppSlot]:
    """One uvicorn server on 127.0.0.1 for the whole check file, always stopped at the end."""
    with AppSlot().serve() as slot:
        yield slot


_WHY = {
    400: _("The request itself is wrong (not JSON, or no string `title`): that is 400 Bad Request."),
    404: _("Nothing lives at that path: 404 Not Found. Match whole paths, not prefixes."),
    405: _("The path exists but not for this method: 405 Method Not Allowed, with an `allow` header."),
}


def _scenario(server: AppSlot, test: Any) -> None:
    """Serve the learner's app with uvicorn and run `test(api)` against it, with deadlines."""
    spy = RecordingApp(_asgi_app())
    server.app = spy

    async def main(base: str) -> None:
        async with httpx.AsyncClient(timeout=httpx.Timeout(2.0), trust_env=False) as client:
            await test(_Api(client, base, spy))

    run_async(main(server.base), within=6, what=_("Your app (answering the API's requests)"))


async def _create(api: _Api, title: str) -> dict[str, Any]:
    body = json.dumps({"title": title}).encode()
    response, data = await api.call("POST", "/todos", body)
    if response.status_code != 201:
        fail(
            _(
                "POST /todos with {body!r} was answered with {status}; creating something answers "
                "201 Created, with the new to-do as JSON.",
                body=body,
                status=response.status_code,
            )
        )
    if not (isinstance(data, dict) and data.get("title") == title and isinstance(data.get("id"), int)):
        fail(
            _(
                "POST /todos with {body!r} answered {data!r}; expected the new to-do, "
                '{{"id": <int>, "title": {title!r}}}.',
                body=body,
                data=data,
                title=title,
            )
        )
    return data


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    _asgi_app()


def test_unknown_paths_are_404(server: AppSlot) -> None:
    """unknown paths (/, /nope, /todosx, /todos/1/done) answer 404 with a JSON error"""

    async def test(api: _Api) -> None:
        for path in ("/", "/nope", "/todosx", "/todos/1/done"):
            await api.expect_error("GET", path, 404)

    _scenario(server, test)


def test_create_and_list(server: AppSlot) -> None:
    """POST /todos creates a to-do (201), and GET /todos lists them in order"""

    async def test(api: _Api) -> None:
        response, data = await api.call("GET", "/todos")
        if response.status_code != 200 or data != []:
            fail(
                _(
                    "GET /todos with no to-dos answered {status} {data!r}; expected 200 and `[]`.",
                    status=response.status_code,
                    data=data,
                )
            )
        first = await _create(api, "learn ASGI")
        second = await _create(api, "write a router")
        if first["id"] == second["id"]:
            fail(_("Two new to-dos both got the id {id}; give each one a new id (1, 2, 3...).", id=first["id"]))
        response, data = await api.call("GET", "/todos")
        if response.status_code != 200 or data != [first, second]:
            fail(
                _(
                    "After two POSTs, GET /todos answered {status} {data!r}; expected 200 and "
                    "{expected!r}: every to-do, in the order they were created.",
                    status=response.status_code,
                    data=data,
                    expected=[first, second],
                )
            )

    _scenario(server, test)


def test_one_todo_by_id(server: AppSlot) -> None:
    """GET /todos/<id> answers that to-do; an unknown or non-numeric id answers 404"""

    async def test(api: _Api) -> None:
        await _create(api, "first")
        wanted = await _create(api, "second")
        path = f"/todos/{wanted['id']}"
        response, data = await api.call("GET", path)
        if response.status_code != 200 or data != wanted:
            fail(
                _(
                    "GET {path} answered {status} {data!r}; expected 200 and {wanted!r}. Take the id "
                    'from the path (`scope["path"]`, for example with `.split("/")`), as an int.',
                    path=path,
                    status=response.status_code,
                    data=data,
                    wanted=wanted,
                )
            )
        await api.expect_error("GET", "/todos/999", 404)
        await api.expect_error("GET", "/todos/abc", 404)

    _scenario(server, test)


def test_wrong_method_is_405(server: AppSlot) -> None:
    """a known path with another method answers 405 and an `allow` header"""

    async def test(api: _Api) -> None:
        todo = await _create(api, "only GET here")
        for method, path, allowed in (
            ("DELETE", "/todos", {"GET", "POST"}),
            ("PUT", "/todos", {"GET", "POST"}),
            ("POST", f"/todos/{todo['id']}", {"GET"}),
        ):
            response = await api.expect_error(method, path, 405)
            allow = {m.strip().upper() for m in response.headers.get("allow", "").split(",") if m.strip()}
            if allow != allowed:
                fail(
                    _(
                        "{method} {path} answered 405 with `allow: {allow}`; the `allow` "
                        "header lists the methods the path accepts: {allowed}. Pass it to "
                        '`send_json` as `[(b"allow", b"{allowed}")]`.',
                        method=method,
                        path=path,
                        allow=response.headers.get("allow", ""),
                        allowed=", ".join(sorted(allowed)),
                    )
                )

    _scenario(server, test)


def test_bad_bodies_are_400(server: AppSlot) -> None:
    """POST /todos with invalid JSON or without a string title answers 400, not 500"""

    async def test(api: _Api) -> None:
        for body in (b"{oops", b"", b"[]", b'{"name": "x"}', b'{"title": 3}', b'{"title": ""}', b"\xff\xfe"):
            await api.expect_error("POST", "/todos", 400, body)
        _response, data = await api.call("GET", "/todos")
        if data != []:
            fail(
                _(
                    "After only bad POSTs, GET /todos answered {data!r}; a rejected request must not create a to-do.",
                    data=data,
                )
            )

    _scenario(server, test)
