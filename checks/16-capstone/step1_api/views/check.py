"""Checks for lesson 16, step 1 `step1_api/views.py`: the board's JSON API, async views on the async ORM."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tutor.checkkit import django_project, django_request, fail, load_exercise, require_async_view, response_json


def _views() -> Any:
    """The project on its own fresh database, then the learner's views.py."""
    django_project()
    return load_exercise()


def _call(method: str, path: str, body: Any = None, raw: str | None = None) -> Any:
    """One request through AsyncClient, on the native async ORM (no `sync_to_async` of the learner's own)."""
    if raw is not None:
        return django_request(method, path, client=_RawJson(), data=raw, native_orm=True, explain=_explain_bad_body)
    return django_request(method, path, json_body=body, native_orm=True, explain=_explain_bad_body)


class _RawJson:
    """An AsyncClient whose POST sends `data` as it is, labelled JSON (the body of a broken client)."""

    def __init__(self) -> None:
        from django.test import AsyncClient

        self.client = AsyncClient()

    def post(self, path: str, data: str) -> Any:
        return self.client.post(path, data, content_type="application/json")


def _explain_bad_body(exc: BaseException, what: str, where: str) -> str | None:
    if isinstance(exc, (ValueError, KeyError, TypeError, AttributeError)) and "coroutine" not in str(exc):
        return (
            f"{what} crashed with {type(exc).__name__}: {exc}{where}, so the client got a 500. Input from the "
            f"network is never trusted: parse `json.loads(request.body)` inside `try:`/`except ValueError`, "
            f'check that the data is a dict whose "title" is a non-empty string (and "body", if present, a '
            f'string), and answer `JsonResponse({{"error": "..."}}, status=400)` otherwise.'
        )
    return None


def _fresh_board(count: int) -> list[Any]:
    """Replace the notices with `count` known ones, one minute apart (sync code, the check's connection)."""
    from django.db import transaction
    from django.utils import timezone
    from notices.models import Notice

    start = timezone.now() - timedelta(days=1)
    with transaction.atomic():
        Notice.objects.all().delete()
        return [
            Notice.objects.create(title=f"Notice {n}", body=f"body {n}", created=start + timedelta(minutes=n))
            for n in range(count)
        ]


def test_views_are_async() -> None:
    """`notices` and `notice_detail` are `async def` views"""
    views = _views()
    for name in ("notices", "notice_detail"):
        view = getattr(views, name, None)
        if view is None:
            fail(f"views.py has no `{name}`: urls.py routes a URL to it. Keep both view names.")
        require_async_view(view, name)


def test_list_latest() -> None:
    """GET /api/notices/ lists the 20 newest notices, newest first"""
    _views()
    made = _fresh_board(25)
    expected = [notice.to_json()["id"] for notice in reversed(made)][:20]
    data = response_json(_call("GET", "/api/notices/"), "GET /api/notices/", 200)
    listed = data.get("notices") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        fail(f'GET /api/notices/ answered {data!r}; expected {{"notices": [...]}}, a list of notices.')
    ids = [item.get("id") if isinstance(item, dict) else item for item in listed]
    if ids == list(reversed(expected)) or (len(ids) == 20 and ids[0] == made[0].id):
        fail(
            f"GET /api/notices/ listed the oldest notices first (ids {ids[:4]}...). A board shows the newest on "
            f"top: the model's Meta.ordering is already newest first, so do not reorder it (or use "
            f'`order_by("-created")`).'
        )
    if len(ids) != 20:
        fail(
            f"GET /api/notices/ listed {len(ids)} notices out of 25; expected the 20 newest. Slice the queryset, "
            f"`Notice.objects.all()[:LATEST]`: that is a LIMIT in the query, not a list cut in Python."
        )
    if ids != expected:
        fail(f"GET /api/notices/ listed ids {ids}; expected the 20 newest, newest first: {expected}.")
    first = made[-1].to_json()
    if listed[0] != first:
        fail(f"GET /api/notices/ gave the newest notice as {listed[0]!r}; expected `notice.to_json()`: {first!r}.")


def test_create() -> None:
    """POST /api/notices/ creates a notice and answers 201 with it"""
    _views()
    from notices.models import Notice

    _fresh_board(1)
    response = _call("POST", "/api/notices/", {"title": "Lunch at noon", "body": "In the big room."})
    data = response_json(response, "POST /api/notices/", 201)
    saved = Notice.objects.filter(title="Lunch at noon").first()
    if saved is None:
        fail(
            f"POST /api/notices/ answered 201 with {data!r}, but the database has no notice titled 'Lunch at "
            f"noon'. Create it with `await Notice.objects.acreate(title=..., body=...)`."
        )
    if saved.body != "In the big room.":
        fail(f"The new notice was saved with body {saved.body!r}; expected 'In the big room.', as sent.")
    if data != saved.to_json():
        fail(f"POST /api/notices/ answered {data!r}; expected the new notice, `notice.to_json()`: {saved.to_json()!r}.")
    response = _call("POST", "/api/notices/", {"title": "No body"})
    data = response_json(response, 'POST /api/notices/ without "body"', 201)
    if not isinstance(data, dict) or data.get("body") != "":
        fail(f'POST /api/notices/ with only a title answered {data!r}; "body" is optional and defaults to "".')


def test_bad_input() -> None:
    """POST /api/notices/ answers 400 with an error for bad input, and saves nothing"""
    _views()
    from notices.models import Notice

    _fresh_board(1)
    cases: list[tuple[str, Any, str | None]] = [
        ("a body that is not JSON", None, "title=oops"),
        ("a JSON list", ["title"], None),
        ('no "title"', {"body": "where is the title?"}, None),
        ('an empty "title"', {"title": "  "}, None),
        ('a number as "title"', {"title": 42}, None),
        ('a "title" of 201 characters', {"title": "x" * 201}, None),
        ('a list as "body"', {"title": "ok", "body": ["not", "text"]}, None),
    ]
    for label, body, raw in cases:
        response = _call("POST", "/api/notices/", body, raw=raw)
        if response.status_code != 400:
            fail(
                f"POST /api/notices/ with {label} answered {response.status_code}; expected 400. Check the "
                f'input before creating anything, and answer `JsonResponse({{"error": "..."}}, status=400)`.'
            )
        data = response_json(response, f"POST /api/notices/ with {label}", 400)
        if not isinstance(data, dict) or not isinstance(data.get("error"), str) or not data["error"]:
            fail(
                f'POST /api/notices/ with {label} answered 400 with {data!r}; give an "error" message too, '
                f"so the client knows what to fix."
            )
    if Notice.objects.count() != 1:
        fail("POST /api/notices/ answered 400 for bad input but still saved a notice. Check first, then create.")


def test_detail_and_404() -> None:
    """GET /api/notices/<pk>/ answers one notice, and 404 for a notice that does not exist"""
    _views()
    made = _fresh_board(3)
    notice = made[1]
    data = response_json(_call("GET", f"/api/notices/{notice.id}/"), f"GET /api/notices/{notice.id}/", 200)
    if data != notice.to_json():
        fail(f"GET /api/notices/{notice.id}/ answered {data!r}; expected {notice.to_json()!r}.")
    missing = made[-1].id + 100
    response = _call("GET", f"/api/notices/{missing}/")
    if response.status_code != 404:
        fail(
            f"GET /api/notices/{missing}/ (no such notice) answered {response.status_code}; expected 404. "
            f"`await aget_object_or_404(Notice, pk=pk)` (Django 5.0+) answers 404 for you."
        )
