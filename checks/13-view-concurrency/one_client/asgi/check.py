"""Checks for lesson 13, exercise `one_client/asgi.py`: one httpx.AsyncClient for the life of the server,
opened and closed by an ASGI lifespan wrapper around Django's application, served for real by uvicorn."""

from __future__ import annotations

import asyncio
import functools
import importlib
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tutor.checkkit import (
    RecordingApp,
    ServerNotStarted,
    _,
    django_project,
    fail,
    learner_dir,
    require_asgi_app,
    run_async,
    serve_asgi,
)

REQUESTS = 8  # sent at once, after one warm-up request
READY_WITHIN = 1.5  # seconds uvicorn gets to complete the lifespan startup
REAL_ASYNC_TRANSPORT = httpx.AsyncHTTPTransport.handle_async_request
REAL_CLIENT_INIT = httpx.AsyncClient.__init__


# --- helpers (local to this check) --------------------------------------------------------


@dataclass
class Outcome:
    """What happened when uvicorn served the learner's application, once per check process."""

    made_at_import: list[httpx.AsyncClient] = field(default_factory=list)
    made_while_serving: list[httpx.AsyncClient] = field(default_factory=list)
    not_started: str = ""  # why the server never served, in a sentence for the learner
    responses: list[tuple[int, Any]] = field(default_factory=list)  # (status, JSON or text) per request
    missing: tuple[int, Any] = (0, None)  # GET /no-such-page/
    errors: list[str] = field(default_factory=list)  # raised by the application, at the learner's line


CLIENTS: list[httpx.AsyncClient] = []  # every AsyncClient the learner's files created, in order
_outcome: list[Outcome] = []


def _from_learner_code() -> bool:
    folder = learner_dir().resolve()
    return any(Path(frame.filename).resolve().is_relative_to(folder) for frame in traceback.extract_stack())


@functools.cache
def _setup() -> None:
    """Once per check process, before asgi.py is imported: the project, and the client counter."""
    django_project()
    _count_clients()


def _count_clients() -> None:
    """Record every httpx.AsyncClient the learner's files create; answer its requests to the upstream
    services from a fake (no network), whatever transport the client was given."""

    def recording_init(self: httpx.AsyncClient, *args: Any, **kwargs: Any) -> None:
        REAL_CLIENT_INIT(self, *args, **kwargs)
        if _from_learner_code():
            CLIENTS.append(self)

    async def fake_upstream(self: Any, request: httpx.Request) -> httpx.Response:
        if request.url.host != "upstreams.fake":  # the check's own requests to the test server
            return await REAL_ASYNC_TRANSPORT(self, request)
        return httpx.Response(200, json={"city": "Oslo", "temp_c": -3})

    httpx.AsyncClient.__init__ = recording_init  # type: ignore[method-assign]
    httpx.AsyncHTTPTransport.handle_async_request = fake_upstream  # type: ignore[method-assign]


def _outcome_once() -> Outcome:
    """Import asgi.py, serve `application` with uvicorn (lifespan on), send requests, stop the server."""
    if _outcome:
        return _outcome[0]
    _setup()
    importlib.import_module("fake_services").DELAY = 0.02  # the project's fake services, quicker
    application = require_asgi_app("application")
    outcome = Outcome(made_at_import=list(CLIENTS))
    _outcome.append(outcome)
    spy = RecordingApp(application)

    async def send_requests(base: str) -> None:
        async with httpx.AsyncClient(timeout=httpx.Timeout(3.0), trust_env=False) as client:
            await client.get(f"{base}/weather/")  # warm up: Django loads urls.py
            answers = await asyncio.gather(*(client.get(f"{base}/weather/") for _request in range(REQUESTS)))
            outcome.responses = [(r.status_code, _body(r)) for r in answers]
            missing = await client.get(f"{base}/no-such-page/")
            outcome.missing = (missing.status_code, missing.text[:200])

    try:
        with serve_asgi(spy, lifespan="on", ready_within=READY_WITHIN, log_level="critical") as base:
            run_async(send_requests(base), within=5, what=_("Requests to your application"))
    except ServerNotStarted as exc:
        outcome.not_started = exc.reason
    outcome.made_while_serving = CLIENTS[len(outcome.made_at_import) :]
    outcome.errors = list(spy.errors)
    return outcome


def _body(response: httpx.Response) -> Any:
    if "json" in response.headers.get("content-type", ""):
        return response.json()
    title = re.search(r"<title>(.*?)</title>", response.text, re.DOTALL)  # Django's debug page names the error
    return " ".join(title.group(1).split()) if title else response.text[:200]


def _served() -> Outcome:
    """The outcome, failing first when the server never started."""
    outcome = _outcome_once()
    if not outcome.not_started:
        return outcome
    raised = _(" (Your application raised {error}.)", error=outcome.errors[0].rstrip(".")) if outcome.errors else ""
    # checkkit's reason for a startup that never completed (as opposed to a server that stopped), in the
    # learner's language like the reason itself
    if outcome.not_started == _("the startup did not complete within {within:g} s", within=READY_WITHIN):
        fail(
            _(
                "uvicorn sent your application the lifespan startup event and waited, but "
                "{reason}: it never got `lifespan.startup.complete`, so it never accepted a request."
                "{raised} After opening the client, answer "
                '`await send({{"type": "lifespan.startup.complete"}})`, then keep receiving: the shutdown event '
                "comes later, on the same call.",
                reason=outcome.not_started,
                raised=raised,
            )
        )
    if any("Django can only handle ASGI/HTTP" in error for error in outcome.errors):
        fail(
            _(
                "uvicorn (with lifespan on) sent your application the lifespan startup event and Django's handler "
                "refused it.{raised} Django's ASGIHandler handles only HTTP, in 5.2 and in 6.x. With uvicorn's "
                "default `--lifespan auto` the server would only log \"ASGI 'lifespan' protocol appears "
                'unsupported" and start without your startup code, so nothing would open the client. Make '
                '`application` an `async def` wrapper: handle `scope["type"] == "lifespan"` yourself and pass '
                "every other scope to `django_application`.",
                raised=raised,
            )
        )
    fail(
        _(
            "uvicorn (with lifespan on) could not start your application: {reason}.{raised} At "
            "`lifespan.startup`, open the client and answer `lifespan.startup.complete`.",
            reason=outcome.not_started,
            raised=raised,
        )
    )


# --- the checks -----------------------------------------------------------------------------


def test_application_is_an_asgi_app() -> None:
    """asgi.py has `application`, an ASGI application (`async def application(scope, receive, send)`)"""
    _setup()
    require_asgi_app("application")


def test_server_starts_with_lifespan() -> None:
    """uvicorn with lifespan on starts: your application answers the startup event"""
    _served()


def test_one_client_for_the_whole_server() -> None:
    """one AsyncClient, opened at startup, serves every request"""
    outcome = _served()
    made = len(outcome.made_at_import) + len(outcome.made_while_serving)
    if outcome.made_at_import:
        return  # the shutdown check explains why a client made at import time is a problem
    if made == 0:
        fail(
            _(
                "Your application never created an HTTP client, so the view's `upstreams.get_client()` found none. "
                "At `lifespan.startup`, open it: `upstreams.client = upstreams.make_client()`."
            )
        )
    if made > 1:
        fail(
            _(
                "{made} httpx.AsyncClient objects were created while the server answered {requests} requests; "
                "expected exactly 1, opened at startup. A client per request (`async with httpx.AsyncClient()` "
                "around each call) throws its connection pool away each time: every request pays a new TCP "
                "connection (and a TLS handshake over HTTPS), and keep-alive never helps. Create the client once, "
                "at `lifespan.startup`, and let every request share it.",
                made=made,
                requests=REQUESTS + 2,
            )
        )


def test_requests_reach_django() -> None:
    """HTTP requests go on to Django: /weather/ answers 200, an unknown page Django's 404"""
    outcome = _served()
    for status, body in outcome.responses:
        if status != 200 or not isinstance(body, dict) or "weather" not in body:
            fail(
                _(
                    "GET /weather/ answered {status} with {body!r}; expected 200 with the view's JSON. "
                    "Pass every HTTP scope to Django unchanged: `await django_application(scope, receive, send)`, "
                    "and keep `upstreams.client` open for as long as the server runs (an `async with` block that "
                    "ends at startup closes it at once).",
                    status=status,
                    body=body,
                )
            )
    clients = {body["client"] for _status, body in outcome.responses}
    if len(clients) > 1:
        fail(
            _(
                "{requests} requests were served by {clients} different clients; expected one client for all. "
                "Open it once, at startup.",
                requests=REQUESTS,
                clients=len(clients),
            )
        )
    status, text = outcome.missing
    if status != 404:
        fail(
            _(
                "GET /no-such-page/ answered {status} ({text!r}); expected Django's 404. Hand HTTP scopes to Django.",
                status=status,
                text=text,
            )
        )


def test_client_closed_at_shutdown() -> None:
    """the client is closed when the server stops (lifespan shutdown)"""
    outcome = _served()
    if outcome.made_at_import:
        fail(
            _(
                "asgi.py created its httpx.AsyncClient when it was imported, outside any event loop, and nothing "
                "closed it when the server stopped. A client belongs to the event loop that first uses its "
                'connections: made at import time it breaks as soon as a second loop uses it (tests: "Event loop is '
                'closed"), and unclosed it leaves its connections to be dropped. Create it at `lifespan.startup` '
                "and `await upstreams.client.aclose()` at `lifespan.shutdown`."
            )
        )
    open_clients = [client for client in outcome.made_while_serving if not client.is_closed]
    if open_clients:
        fail(
            _(
                "The server stopped, but {count} client(s) your application opened are still open. At "
                "`lifespan.shutdown`, `await upstreams.client.aclose()` first, then answer "
                "`lifespan.shutdown.complete` (the server may exit as soon as it reads that answer).",
                count=len(open_clients),
            )
        )
