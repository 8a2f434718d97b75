"""Checks for lesson 9, exercise `notes_api/views.py`: a class-based view with async handlers,
driven by Django's async test client."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

from tutor.checkkit import (
    CheckFailure,
    InFlight,
    LoopHeartbeat,
    Stopwatch,
    _,
    django_project,
    explain_django_errors,
    fail,
    learner_line,
    load_exercise,
    no_unawaited_coroutines,
    require_async_view,
    run_django,
)

BLOCKED = 0.15  # a stall of the event loop above this means something blocked it
DELAY = 0.3  # the fake store's wait in the concurrency check


# --- helpers (local to this check) --------------------------------------------------------


def _views() -> ModuleType:
    """The learner's views.py, imported after Django is set up (mixed handlers fail right here)."""
    django_project()
    with explain_django_errors("views.py"):
        return load_exercise()


def _notes_view() -> Any:
    """NotesView, checked: a View subclass with only async handlers, and `notes` made by as_view()."""
    from django.views import View

    module = _views()
    view_class = getattr(module, "NotesView", None)
    if view_class is None:
        fail(_("views.py has no `NotesView`. Keep the class name: the check and `notes = NotesView.as_view()` use it."))
    if not (isinstance(view_class, type) and issubclass(view_class, View)):
        fail(
            _("`NotesView` must be a class-based view: `class NotesView(View):` with `from django.views import View`.")
        )
    for method in ("get", "post"):
        if not hasattr(view_class, method):
            fail(_("NotesView has no `{method}` handler: write `async def {method}(self, request):`.", method=method))
    require_async_view(view_class, "NotesView")
    view = getattr(module, "notes", None)
    if view is view_class:
        fail(
            _(
                "`notes = NotesView` hands Django the class itself, so for each request Django would call "
                "`NotesView(request)` and fail (TypeError: View.__init__() takes 1 positional argument but 2 were "
                "given). URLconfs need a view *function*: `notes = NotesView.as_view()`."
            )
        )
    if view is None or getattr(view, "view_class", None) is not view_class:
        fail(
            _("Keep the last line of views.py, `notes = NotesView.as_view()`: urls.py routes /notes/ to `views.notes`.")
        )
    return view


class FakeStore:
    """Stands in for store.py: keeps its own notes, records what was added, counts the calls
    waiting at once. `expected` holds the calls (up to 1 s after the first) until that many arrived."""

    def __init__(self, notes: list[dict[str, Any]], delay: float, expected: int = 1) -> None:
        self.notes = [dict(note) for note in notes]
        self.delay = delay
        self.expected = expected
        self.in_flight = InFlight()
        self.added: list[Any] = []
        self.first_entry: float | None = None

    async def _wait(self) -> None:
        async with self.in_flight:
            self.first_entry = self.first_entry or time.monotonic()
            await asyncio.sleep(self.delay)
            while self.in_flight.entered < self.expected and time.monotonic() < self.first_entry + 1.0:
                await asyncio.sleep(0.01)

    async def list_notes(self) -> list[dict[str, Any]]:
        await self._wait()
        return [dict(note) for note in self.notes]

    async def add_note(self, text: str) -> dict[str, Any]:
        self.added.append(text)
        await self._wait()
        note = {"id": max((n["id"] for n in self.notes), default=0) + 1, "text": text}
        self.notes.append(note)
        return dict(note)


def _install(notes: list[dict[str, Any]], delay: float = 0.01, expected: int = 1) -> FakeStore:
    """Replace store.py's functions with a fake, also where views.py imported them by name."""
    views = _views()
    fake = FakeStore(notes, delay, expected)
    for name in ("list_notes", "add_note"):
        setattr(sys.modules["store"], name, getattr(fake, name))
        if hasattr(views, name):  # `from store import list_notes`
            setattr(views, name, getattr(fake, name))
    return fake


def _explain(exc: BaseException, what: str) -> str:
    """A teaching message for an exception raised while Django ran the view."""
    text = str(exc)
    where = learner_line(exc)
    if isinstance(exc, TypeError) and "coroutine" in text:
        return _(
            "{what}: your view put a coroutine object into the JSON{where} ({error}: {text}). "
            "Calling an `async def` function such as `store.list_notes()` only creates a coroutine; the "
            "result comes out of `await store.list_notes()`. Did you forget `await`?",
            what=what,
            where=where,
            error=type(exc).__name__,
            text=text,
        )
    if "unawaited coroutine" in text:
        return _(
            "{what}: your handler returned a coroutine instead of a response (Django says: {text}). An "
            "`async def` function was called without `await`: put `await` in front of it.",
            what=what,
            text=text,
        )
    if "returned None" in text:
        return _(
            "{what}: your handler returned None. End every path with `return JsonResponse(...)`. ({text})",
            what=what,
            text=text,
        )
    wrong_type = re.match(r"'(dict|list|str|bytes|tuple)' object has no attribute", text)
    if wrong_type:
        return _(
            "{what}: your handler returned a {kind}, not a response, so Django's middleware "
            "failed on it ({error}: {text}). Django does not turn data into JSON for you: "
            "`return JsonResponse({{...}})`.",
            what=what,
            kind=wrong_type.group(1),
            error=type(exc).__name__,
            text=text,
        )
    if type(exc).__name__ == "MultiValueDictKeyError" or "QueryDict" in text:
        return _(
            "{what}: your view read `request.POST`{where}, which is empty here: Django fills `request.POST` "
            "only from form bodies. This API takes JSON: `data = json.loads(request.body)`.",
            what=what,
            where=where,
        )
    if isinstance(exc, (ValueError, KeyError, TypeError, AttributeError)) and what.startswith("POST"):
        return _(
            "{what}: your view crashed with {error}: {text}{where}, so the client would get "
            "500. A bad request is the client's mistake: catch it and answer 400 with "
            '`JsonResponse({{"error": "..."}}, status=400)`.',
            what=what,
            error=type(exc).__name__,
            text=text,
            where=where,
        )
    return _(
        "{what}: your view raised {error}: {text}{where}.", what=what, error=type(exc).__name__, text=text, where=where
    )


def _drive(main: Callable[[], Awaitable[Any]], what: str, within: float = 4.0) -> Any:
    """Run `main` the way Django's test client expects, turning the view's errors into lessons."""
    with no_unawaited_coroutines():
        try:
            return run_django(main, within=within, what=what)
        except CheckFailure:
            raise
        except Exception as exc:
            fail(_explain(exc, what))


def _send(client: Any, method: str, body: Any = None) -> Awaitable[Any]:
    """One request to /notes/ through the async test client; `body` (str or JSON data) for POST."""
    if body is None:
        return client.generic(method, "/notes/")
    content = body if isinstance(body, str) else json.dumps(body)
    return client.generic(method, "/notes/", content, content_type="application/json")


def _request(method: str, body: Any = None) -> Any:
    from django.test import AsyncClient

    shown = (
        ""
        if body is None
        else " " + _("with the body {body}", body=body if isinstance(body, str) else json.dumps(body))
    )
    return _drive(lambda: _send(AsyncClient(), method, body), f"{method} /notes/{shown}")


def _json_of(response: Any, what: str) -> Any:
    content_type = response.get("Content-Type", "")
    if "application/json" not in content_type:
        fail(
            _(
                "{what} answered status {status} with content-type {content_type!r}; expected "
                "JSON. Answer with `JsonResponse(...)`, which encodes the data and sets the content-type.",
                what=what,
                status=response.status_code,
                content_type=content_type,
            )
        )
    return json.loads(response.content)


NOTES = [{"id": 1, "text": "first"}, {"id": 2, "text": "second"}]


# --- the checks -----------------------------------------------------------------------------


def test_notes_view_is_all_async() -> None:
    """NotesView is a class-based view with only `async def` handlers, routed with as_view()"""
    _notes_view()


def test_get_lists_the_notes() -> None:
    """GET /notes/ answers 200 {"notes": [...]} from the store"""
    _notes_view()
    _install(NOTES)
    response = _request("GET")
    body = _json_of(response, "GET /notes/")
    expected = {"notes": NOTES}
    if response.status_code != 200 or body != expected:
        fail(
            _(
                "GET /notes/ answered status {status} with {body!r}; expected 200 with {expected}, "
                'the list from `await store.list_notes()` under the key "notes".',
                status=response.status_code,
                body=body,
                expected=expected,
            )
        )


def test_post_adds_a_note() -> None:
    """POST /notes/ {"text": "buy milk"} saves it and answers 201 with the new note"""
    _notes_view()
    fake = _install(NOTES)
    response = _request("POST", {"text": "buy milk"})
    body = _json_of(response, 'POST /notes/ {"text": "buy milk"}')
    expected = {"id": 3, "text": "buy milk"}
    if fake.added != ["buy milk"]:
        fail(
            _(
                'POST /notes/ {{"text": "buy milk"}} called `store.add_note` with {added!r}; expected one call '
                'with "buy milk". Read the text from the JSON body: `json.loads(request.body)["text"]`.',
                added=fake.added,
            )
        )
    if response.status_code != 201:
        fail(
            _(
                "POST /notes/ answered status {status}; a request that creates something answers "
                "201 Created: `JsonResponse(note, status=201)`.",
                status=response.status_code,
            )
        )
    if body != expected:
        fail(
            _(
                "POST /notes/ answered {body!r}; expected the note the store returned, {expected}.",
                body=body,
                expected=expected,
            )
        )
    listed = _json_of(_request("GET"), "GET /notes/")
    if listed != {"notes": [*NOTES, expected]}:
        fail(_("After the POST, GET /notes/ answered {listed!r}; the new note should be in the list.", listed=listed))


def test_post_rejects_bad_bodies() -> None:
    """POST /notes/ answers 400 {"error": ...} for a body that is not JSON or lacks a non-empty "text" field"""
    _notes_view()
    fake = _install(NOTES)
    for body in ("this is not JSON", {"text": ""}, {"title": "no text"}, {"text": 42}, ["a", "list"]):
        shown = body if isinstance(body, str) else json.dumps(body)
        what = _("POST /notes/ with the body {body}", body=shown)
        response = _request("POST", body)
        if response.status_code != 400:
            fail(
                _(
                    "{what} answered status {status}; expected 400 Bad Request. Catch the "
                    '`ValueError` of `json.loads`, and check that "text" is a non-empty string, before saving.',
                    what=what,
                    status=response.status_code,
                )
            )
        answer = _json_of(response, what)
        if not (isinstance(answer, dict) and "error" in answer):
            fail(
                _(
                    '{what} answered {answer!r}; expected a JSON object with an "error" key saying what is wrong.',
                    what=what,
                    answer=answer,
                )
            )
    if fake.added:
        fail(
            _(
                "A bad request must not save anything, but `store.add_note` was called with {added!r}.",
                added=fake.added,
            )
        )


def test_other_methods_get_405() -> None:
    """DELETE /notes/ gets Django's 405 Method Not Allowed, with an Allow header"""
    _notes_view()
    _install(NOTES)
    response = _request("DELETE")
    allow = response.get("Allow", "")
    if response.status_code != 405 or not {"GET", "POST"} <= {m.strip() for m in allow.split(",")}:
        fail(
            _(
                "DELETE /notes/ answered status {status} with Allow: {allow!r}; expected 405 with "
                "GET and POST allowed. View does this by itself for the methods you have no handler for: do not "
                "override `dispatch` or `http_method_not_allowed`.",
                status=response.status_code,
                allow=allow,
            )
        )


def test_handlers_wait_together() -> None:
    """3 GETs and 2 POSTs at once all wait on the store together, and nothing blocks the event loop"""
    _notes_view()
    from django.test import AsyncClient

    fake = _install(NOTES, delay=0.01)
    _request("GET")  # warm up: the first request imports urls.py and builds Django's handler
    fake = _install(NOTES, delay=DELAY, expected=5)

    async def together() -> tuple[Any, list[Any], float]:
        client = AsyncClient()
        async with LoopHeartbeat() as beat:
            with Stopwatch() as watch:
                calls = [_send(client, "GET") for _attempt in range(3)]
                calls += [_send(client, "POST", {"text": f"note {n}"}) for n in (1, 2)]
                responses = await asyncio.gather(*calls)
        return beat, list(responses), watch.elapsed

    beat, responses, took = _drive(together, _("3 GETs and 2 POSTs at once"), within=5)
    beat.assert_not_blocked(BLOCKED, _("your handlers"))
    statuses = [r.status_code for r in responses]
    if statuses != [200, 200, 200, 201, 201]:
        fail(
            _(
                "3 GETs and 2 POSTs sent at once answered {statuses}; expected [200, 200, 200, 201, 201].",
                statuses=statuses,
            )
        )
    if fake.in_flight.peak < 5:
        fail(
            _(
                "Of 5 requests sent at once, at most {peak} were waiting on the store at the same "
                "time ({took:.2f} s in all). Async handlers that await the store let all 5 wait together. Is "
                "something in your handlers serialising them (a lock, a blocking call)?",
                peak=fake.in_flight.peak,
                took=took,
            )
        )
    if took >= 1.2:
        fail(
            _(
                "5 requests with {delay} s of store waiting each took {took:.2f} s together; awaited concurrently "
                "they take about {delay} s. Is something else in your handlers waiting or blocking?",
                delay=DELAY,
                took=took,
            )
        )
