"""Checks for lesson 16, step 1 `step1_api/views.py`: the board's JSON API, async views on the async ORM."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tutor.checkkit import (
    _,
    django_project,
    django_request,
    fail,
    load_exercise,
    ngettext,
    require_async_view,
    response_json,
)


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
        return _(
            "{what} crashed with {error}: {exc}{where}, so the client got a 500. Input from the "
            "network is never trusted: parse `json.loads(request.body)` inside `try:`/`except "
            'ValueError`, check that the data is a dict whose "title" is a non-empty string (and '
            '"body", if present, a string), and answer `JsonResponse({{"error": "..."}}, '
            "status=400)` otherwise.",
            what=what,
            error=type(exc).__name__,
            exc=exc,
            where=where,
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
            fail(
                _(
                    "views.py has no `{name}`: urls.py routes a URL to it. Keep both view names.",
                    name=name,
                )
            )
        require_async_view(view, name)


def test_list_latest() -> None:
    """GET /api/notices/ lists the 20 newest notices, newest first"""
    _views()
    made = _fresh_board(25)
    expected = [notice.to_json()["id"] for notice in reversed(made)][:20]
    data = response_json(_call("GET", "/api/notices/"), "GET /api/notices/", 200)
    listed = data.get("notices") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        fail(
            _(
                'GET /api/notices/ answered {data!r}; expected {{"notices": [...]}}, a list of notices.',
                data=data,
            )
        )
    ids = [item.get("id") if isinstance(item, dict) else item for item in listed]
    if ids == list(reversed(expected)) or (len(ids) == 20 and ids[0] == made[0].id):
        fail(
            _(
                "GET /api/notices/ listed the oldest notices first (ids {first}...). A board shows "
                "the newest on top: the model's Meta.ordering is already newest first, so do not "
                'reorder it (or use `order_by("-created")`).',
                first=ids[:4],
            )
        )
    if len(ids) != 20:
        fail(
            ngettext(
                (
                    "GET /api/notices/ listed {n} notices out of 25; expected the 20 newest. Slice "
                    "the queryset, `Notice.objects.all()[:LATEST]`: that is a LIMIT in the query, not a "
                    "list cut in Python."
                ),
                (
                    "GET /api/notices/ listed {n} notices out of 25; expected the 20 newest. Slice "
                    "the queryset, `Notice.objects.all()[:LATEST]`: that is a LIMIT in the query, not a "
                    "list cut in Python."
                ),
                len(ids),
            )
        )
    if ids != expected:
        fail(
            _(
                "GET /api/notices/ listed ids {ids}; expected the 20 newest, newest first: {expected}.",
                ids=ids,
                expected=expected,
            )
        )
    first = made[-1].to_json()
    if listed[0] != first:
        fail(
            _(
                "GET /api/notices/ gave the newest notice as {got!r}; expected `notice.to_json()`: {first!r}.",
                got=listed[0],
                first=first,
            )
        )


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
            _(
                "POST /api/notices/ answered 201 with {data!r}, but the database has no notice "
                "titled 'Lunch at noon'. Create it with `await Notice.objects.acreate(title=..., "
                "body=...)`.",
                data=data,
            )
        )
    if saved.body != "In the big room.":
        fail(
            _(
                "The new notice was saved with body {body!r}; expected 'In the big room.', as sent.",
                body=saved.body,
            )
        )
    if data != saved.to_json():
        fail(
            _(
                "POST /api/notices/ answered {data!r}; expected the new notice, `notice.to_json()`: {want!r}.",
                data=data,
                want=saved.to_json(),
            )
        )
    response = _call("POST", "/api/notices/", {"title": "No body"})
    data = response_json(response, _('POST /api/notices/ without "body"'), 201)
    if not isinstance(data, dict) or data.get("body") != "":
        fail(
            _(
                'POST /api/notices/ with only a title answered {data!r}; "body" is optional and defaults to "".',
                data=data,
            )
        )


def test_bad_input() -> None:
    """POST /api/notices/ answers 400 with an error for bad input, and saves nothing"""
    _views()
    from notices.models import Notice

    _fresh_board(1)
    cases: list[tuple[str, Any, str | None]] = [
        (_("a body that is not JSON"), None, "title=oops"),
        (_("a JSON list"), ["title"], None),
        (_('no "title"'), {"body": "where is the title?"}, None),
        (_('an empty "title"'), {"title": "  "}, None),
        (_('a number as "title"'), {"title": 42}, None),
        (_('a "title" of 201 characters'), {"title": "x" * 201}, None),
        (_('a list as "body"'), {"title": "ok", "body": ["not", "text"]}, None),
    ]
    for label, body, raw in cases:
        response = _call("POST", "/api/notices/", body, raw=raw)
        if response.status_code != 400:
            fail(
                _(
                    "POST /api/notices/ with {label} answered {status_code}; expected 400. Check the "
                    'input before creating anything, and answer `JsonResponse({{"error": "..."}}, '
                    "status=400)`.",
                    label=label,
                    status_code=response.status_code,
                )
            )
        data = response_json(response, _("POST /api/notices/ with {label}", label=label), 400)
        if not isinstance(data, dict) or not isinstance(data.get("error"), str) or not data["error"]:
            fail(
                _(
                    'POST /api/notices/ with {label} answered 400 with {data!r}; give an "error" '
                    "message too, so the client knows what to fix.",
                    label=label,
                    data=data,
                )
            )
    if Notice.objects.count() != 1:
        fail(_("POST /api/notices/ answered 400 for bad input but still saved a notice. Check first, then create."))


def test_detail_and_404() -> None:
    """GET /api/notices/<pk>/ answers one notice, and 404 for a notice that does not exist"""
    _views()
    made = _fresh_board(3)
    notice = made[1]
    data = response_json(_call("GET", f"/api/notices/{notice.id}/"), f"GET /api/notices/{notice.id}/", 200)
    if data != notice.to_json():
        fail(
            _(
                "GET /api/notices/{pk}/ answered {data!r}; expected {want!r}.",
                pk=notice.id,
                data=data,
                want=notice.to_json(),
            )
        )
    missing = made[-1].id + 100
    response = _call("GET", f"/api/notices/{missing}/")
    if response.status_code != 404:
        fail(
            _(
                "GET /api/notices/{missing}/ (no such notice) answered {status_code}; expected 404. "
                "`await aget_object_or_404(Notice, pk=pk)` (Django 5.0+) answers 404 for you.",
                missing=missing,
                status_code=response.status_code,
            )
        )
