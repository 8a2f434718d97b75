"""Checks for lesson 10, exercise `lending/views.py`: call a sync helper full of ORM queries (in a
transaction) from an async view, with `sync_to_async` left thread-sensitive."""

from __future__ import annotations

import asyncio
import inspect
import os
import threading
import time
import traceback
from typing import Any

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    django_project,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    require_async_view,
    run_django,
)

PAUSE = 0.2  # the check makes services.borrow_book this much slower (a blocking wait), to see where it runs
BLOCKED = 0.15  # a stall of the event loop longer than this means something blocked it


class _Recorder:
    """Wraps `services.borrow_book`: notes the thread of each call and whether an event loop was
    running in it (the sign of a direct call from async code, allowed only by DJANGO_ALLOW_ASYNC_UNSAFE)."""

    def __init__(self, original: Any) -> None:
        self.original = original
        self.pause = 0.0
        self.threads: list[int] = []
        self.on_loop = 0
        self.__name__ = self.__qualname__ = "borrow_book"

    def reset(self, pause: float = 0.0) -> None:
        self.pause = pause
        self.threads = []
        self.on_loop = 0

    def __call__(self, book_id: int, member: str) -> Any:
        try:
            asyncio.get_running_loop()
            self.on_loop += 1
        except RuntimeError:
            pass
        self.threads.append(threading.get_ident())
        if self.pause:
            time.sleep(self.pause)
        return self.original(book_id, member)


def _setup(pause: float = 0.0) -> tuple[Any, _Recorder]:
    """Set the project up (once), wrap services.borrow_book, load views.py."""
    django_project()
    import services

    recorder = services.borrow_book
    if not isinstance(recorder, _Recorder):
        recorder = services.borrow_book = _Recorder(services.borrow_book)  # before views.py is imported
    views = load_exercise()
    if not hasattr(views, "borrow"):
        fail(_("views.py has no `borrow`: keep the view's name, urls.py routes /books/<id>/borrow to `views.borrow`."))
    _unsafe_not_set()
    recorder.reset(pause)
    return views, recorder


def _unsafe_not_set() -> None:
    if os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE"):
        fail(
            _(
                "DJANGO_ALLOW_ASYNC_UNSAFE is set (by your file, or in your environment). It does not make sync "
                "code safe in async code: it only switches Django's check off. The queries still block the event "
                "loop (every request waits), and coroutines on that loop can end up sharing one connection, even "
                "one transaction. `manage.py check --deploy` reports it as the error async.E001. Remove it and call "
                "the sync helper with `await sync_to_async(services.borrow_book)(book_id, member)`."
            )
        )


def _new_book(title: str) -> int:
    from library.models import Book

    return int(Book.objects.create(title=title).pk)


def _close_coroutines(error: BaseException) -> None:
    """Close the never-run coroutines an error still holds, so Python's "never awaited" warning does not
    surface later, in another check (the message already told the learner)."""
    for frame, _lineno in traceback.walk_tb(error.__traceback__):
        for value in list(frame.f_locals.values()):
            if inspect.iscoroutine(value):
                value.close()


def _post(book_id: int, member: str, *, heartbeat: bool = False) -> tuple[Any, float]:
    """POST /books/<id>/borrow through Django's AsyncClient; the response and the loop's largest stall."""
    from django.test import AsyncClient

    async def request() -> tuple[Any, float]:
        client = AsyncClient()
        path = f"/books/{book_id}/borrow"
        if not heartbeat:
            return await client.post(path, {"member": member}), 0.0
        async with LoopHeartbeat() as beat:
            response = await client.post(path, {"member": member})
        return response, beat.max_gap

    error: Exception | None = None
    result: tuple[Any, float] = (None, 0.0)
    with no_unawaited_coroutines():
        try:
            result = run_django(request, within=5, what=_("Your view"))
        except (TypeError, AttributeError) as exc:
            if "coroutine" not in str(exc) and "safe parameter" not in str(exc):
                raise
            error = exc
            _close_coroutines(exc)
    if error is not None:
        fail(
            _(
                "Your view used a coroutine where the helper's result belongs ({error_type}: {error}). "
                "`sync_to_async(services.borrow_book)` is an async function: calling it only creates a coroutine, "
                "which runs when awaited. Did you forget `await`? `loan = await sync_to_async(...)(book_id, member)`.",
                error_type=type(error).__name__,
                error=error,
            )
        )
    _unsafe_not_set()
    return result


def _json(response: Any, what: str) -> Any:
    try:
        return response.json()
    except ValueError:
        fail(
            _(
                "{what} answered {status} {body!r}, which is not JSON: use JsonResponse.",
                what=what,
                status=response.status_code,
                body=response.content[:80],
            )
        )


def _where_it_ran(recorder: _Recorder) -> None:
    """The helper must have run once, on the thread-sensitive thread (here: the check's own thread)."""
    if not recorder.threads:
        fail(_("The view answered without calling services.borrow_book: keep using the helper, it holds the rules."))
    if recorder.on_loop:
        fail(
            _(
                "services.borrow_book ran on the event loop's thread, which Django allows only because "
                "DJANGO_ALLOW_ASYNC_UNSAFE was set somewhere. Its queries blocked the loop. Call it with "
                "`await sync_to_async(services.borrow_book)(book_id, member)`."
            )
        )
    if set(recorder.threads) != {threading.get_ident()}:
        fail(
            _(
                "services.borrow_book ran on a worker thread of a pool (`thread_sensitive=False`, or "
                "`asyncio.to_thread`), not on the request's thread-sensitive thread. Django's database connections "
                "belong to a thread: Django opens and closes a request's connection on that one thread, and a pool "
                "thread gets a connection of its own that nothing closes (one per pool thread), outside any "
                "transaction the request's code opened. ORM code must stay thread-sensitive, the default: "
                "`await sync_to_async(services.borrow_book)(book_id, member)`."
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_borrow_is_an_async_view() -> None:
    """`borrow` is an async view (`async def borrow(request, book_id)`)"""
    views, _recorder = _setup()
    require_async_view(views.borrow, "borrow")


def test_lends_a_book() -> None:
    """POST /books/<id>/borrow answers 201 with the loan and saves it"""
    _views, recorder = _setup()
    book_id = _new_book("Parable of the Sower")
    response, _gap = _post(book_id, "ada")
    what = _("POST /books/{book_id}/borrow with member=ada", book_id=book_id)
    data = _json(response, what)
    if response.status_code != 201:
        fail(
            _(
                "{what} answered {status} {data!r}; expected 201 Created with the loan as JSON.",
                what=what,
                status=response.status_code,
                data=data,
            )
        )
    from library.models import Loan

    loans = list(Loan.objects.filter(book_id=book_id).values_list("pk", "member"))
    expected = {"loan": loans[0][0] if loans else None, "book": "Parable of the Sower", "member": "ada"}
    if loans != [(expected["loan"], "ada")] or data != expected:
        fail(
            _(
                "{what} answered {data!r} and left the loans {loans!r} in the database; expected {expected!r} and "
                "one loan to ada: return the dict services.borrow_book gives back, as it is.",
                what=what,
                data=data,
                loans=loans,
                expected=expected,
            )
        )
    _where_it_ran(recorder)


def test_helper_stays_thread_sensitive() -> None:
    """the helper runs on the request's thread-sensitive thread, not on the loop or in a pool"""
    _views, recorder = _setup()
    _post(_new_book("The Dispossessed"), "grace")
    _where_it_ran(recorder)


def test_unknown_book_is_404() -> None:
    """an unknown book answers 404 (the helper's Book.DoesNotExist comes out of the await)"""
    _setup()
    response, _gap = _post(987654, "ada")
    data = _json(response, "POST /books/987654/borrow")
    if response.status_code != 404 or not isinstance(data, dict) or "error" not in data:
        fail(
            _(
                "POST /books/987654/borrow (no such book) answered {status} {data!r}; expected 404 with "
                '{{"error": ...}}. An exception raised in the sync helper comes out of the `await sync_to_async(...)` '
                "line, so `except Book.DoesNotExist` around that line catches it.",
                status=response.status_code,
                data=data,
            )
        )


def test_book_out_is_409() -> None:
    """borrowing a book that is out answers 409 Conflict"""
    _setup()
    book_id = _new_book("Kindred, again")
    first, _gap = _post(book_id, "ada")
    second, _gap = _post(book_id, "grace")
    data = _json(second, _("The second POST /books/{book_id}/borrow", book_id=book_id))
    if first.status_code != 201 or second.status_code != 409:
        fail(
            _(
                "Borrowing the same book twice answered {first}, then {second} {data!r}; "
                "expected 201, then 409 Conflict: services.borrow_book raises AlreadyBorrowed for a book that is out.",
                first=first.status_code,
                second=second.status_code,
                data=data,
            )
        )


def test_event_loop_keeps_running() -> None:
    """the event loop keeps running while the (slow) helper works"""
    _setup(pause=PAUSE)
    response, gap = _post(_new_book("Lilith's Brood"), "ada", heartbeat=True)
    if gap > BLOCKED:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while your view answered. A blocking call "
                "in `async def` (`time.sleep()`, a sync query, a sync helper called directly) stops every request on "
                "the server. Await instead (`await asyncio.sleep(...)`), and run sync code with `sync_to_async`.",
                ms=gap * 1000,
            )
        )
    if response.status_code != 201:
        fail(_("The view answered {status}; expected 201.", status=response.status_code))
