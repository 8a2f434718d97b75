"""Checks for lesson 12, exercise `whoami/views.py`: async views that log in, tell who is logged in and
log out with Django's async auth API (`request.auser()`, `aauthenticate`, `alogin`, `alogout`)."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    django_project,
    fail,
    learner_file,
    load_exercise,
    no_unawaited_coroutines,
    require_async_view,
    run_django,
)

USERNAME = "grace"
PASSWORD = "cobol-1959"
BLOCKED = 0.15  # a stall of the event loop above this means something blocked it
# The default hasher (PBKDF2) takes a few hundred ms per password by design: the check uses a fast one.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_CALLS = {
    "authenticate": "`user = await aauthenticate(request, username=..., password=...)`",
    "login": "`await alogin(request, user)`",
    "logout": "`await alogout(request)`",
}


@contextmanager
def _project() -> Iterator[Any]:
    """The project on a fresh database, a fast password hasher, and the user `grace` in the database."""
    django_project()
    from django.contrib.auth.models import User
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        user, _created = User.objects.get_or_create(username=USERNAME)
        user.set_password(PASSWORD)
        user.save()
        yield user


def _learner_frame(frames: list[traceback.FrameSummary]) -> int | None:
    """The index of the last frame in the learner's project, if any."""
    project = learner_file().resolve().parent
    found = None
    for index, frame in enumerate(frames):
        if Path(frame.filename).resolve().is_relative_to(project):
            found = index
    return found


def _sync_auth_message(exc: BaseException) -> str | None:
    """Why a SynchronousOnlyOperation came from the learner's auth code, when the cause is specific."""
    frames = traceback.extract_tb(exc.__traceback__)
    index = _learner_frame(frames)
    if index is None or index + 1 >= len(frames):
        return None
    mine, called = frames[index], frames[index + 1]
    if called.filename.replace("\\", "/").endswith("views/decorators/debug.py") and index + 2 < len(frames):
        called = frames[index + 2]  # `authenticate` is wrapped in @sensitive_variables
    where = _("line {line} of views.py: `{code}`", line=mine.lineno, code=(mine.line or "").strip())
    called_file = called.filename.replace("\\", "/")
    if called_file.endswith("contrib/auth/__init__.py") and called.name in AUTH_CALLS:
        return _(
            "Your view called the sync `{name}()` in async code ({where}). It queries the database "
            "(users, sessions) synchronously, so Django raised SynchronousOnlyOperation. Django 5.0+ has an "
            "async twin: {twin}.",
            name=called.name,
            where=where,
            twin=AUTH_CALLS[called.name],
        )
    if called_file.endswith("utils/functional.py") and "request.user" not in (mine.line or ""):
        return _(
            "Your view used a user object that was still Django's lazy `request.user` ({where}). "
            "`await sync_to_async(lambda: request.user)()` hands back the lazy object itself, unloaded; it "
            "loads the user (a sync query) the first time you touch it, here on the event loop, so Django "
            "raised SynchronousOnlyOperation. Use `user = await request.auser()` (Django 5.0+).",
            where=where,
        )
    return None


def _crash_message(exc: BaseException) -> str | None:
    """A teaching message for an AttributeError on a coroutine: the missing `await` of `auser()`."""
    text = str(exc)
    if isinstance(exc, AttributeError) and "'coroutine' object has no attribute" in text:
        frames = traceback.extract_tb(exc.__traceback__)
        index = _learner_frame(frames)
        line = frames[index] if index is not None else None
        where = (
            _(" (line {line} of views.py: `{code}`)", line=line.lineno, code=(line.line or "").strip()) if line else ""
        )
        return _(
            "Your view raised AttributeError: {text}{where}. `request.auser()` is a coroutine function: "
            "calling it only creates a coroutine, and the user comes out of the `await`. Did you forget "
            "`await`? Write `user = await request.auser()`.",
            text=text,
            where=where,
        )
    return None


def _send(client: Any, method: str, path: str, data: dict[str, str] | None = None) -> tuple[Any, float]:
    """One request through AsyncClient: the response and the event loop's longest stall meanwhile."""
    from django.core.exceptions import SynchronousOnlyOperation

    async def scenario() -> tuple[Any, float]:
        async with LoopHeartbeat() as beat:
            try:
                if method == "POST":
                    response = await client.post(path, data or {})
                else:
                    response = await client.get(path)
            except SynchronousOnlyOperation as exc:
                message = _sync_auth_message(exc)
                if message:
                    fail(message)
                raise
        return response, beat.max_gap

    try:
        with no_unawaited_coroutines():
            response, gap = run_django(scenario, within=5, what=_("Your view"))
    except AttributeError as exc:
        message = _crash_message(exc)
        if message is None:
            raise
        exc.obj = None  # the coroutine: drop it (the message explains it)
        fail(message)
    if gap > BLOCKED:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms during {method} {path}. A blocking call "
                "such as `time.sleep()` in an async view freezes every other request on the server. To slow down "
                "password guessing, `await asyncio.sleep(...)` (or better, rate-limit by client).",
                ms=gap * 1000,
                method=method,
                path=path,
            )
        )
    return response


def _json(response: Any, what: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        fail(
            _(
                "{what} answered {content!r}, which is not JSON: answer with a `JsonResponse`.",
                what=what,
                content=response.content[:80],
            )
        )
    if not isinstance(data, dict):
        fail(_('{what} answered the JSON {data!r}; expected an object like {{"username": ...}}.', what=what, data=data))
    return data


def _client() -> Any:
    from django.test import AsyncClient

    return AsyncClient()


# --- the checks -----------------------------------------------------------------------------


def test_views_are_async() -> None:
    """login_view, me and logout_view are async views"""
    django_project()
    views = load_exercise()
    for name in ("login_view", "me", "logout_view"):
        view = getattr(views, name, None)
        if view is None:
            fail(_("views.py has no `{name}`: urls.py routes a URL to `views.{name}`, so keep that name.", name=name))
        require_async_view(view, name)


def test_me_anonymous() -> None:
    """GET /me/ without logging in answers 401 with an error in JSON"""
    with _project():
        response = _send(_client(), "GET", "/me/")
    if response.status_code != 401:
        fail(
            _(
                "GET /me/ without a session answered {status}; expected 401 (Unauthorized). An "
                "anonymous visitor gets an AnonymousUser: check `user.is_authenticated` on the user from "
                '`await request.auser()` and answer `JsonResponse({{"error": ...}}, status=401)`.',
                status=response.status_code,
            )
        )
    if "error" not in _json(response, _("GET /me/ (anonymous)")):
        fail(_('GET /me/ without a session answered 401 but no "error" key in the JSON: say what is wrong.'))


def test_me_logged_in() -> None:
    """GET /me/ with a real session (logged in) answers 200 {"username": "grace"}"""
    with _project() as user:
        client = _client()
        client.force_login(user)  # a real session in the database, and its cookie on the client
        response = _send(client, "GET", "/me/")
    if response.status_code != 200:
        fail(
            _(
                "GET /me/ with a logged-in session answered {status}; expected 200. Read the user "
                'with `user = await request.auser()` and answer `{{"username": user.username}}`.',
                status=response.status_code,
            )
        )
    data = _json(response, _("GET /me/ (logged in)"))
    if data.get("username") != USERNAME:
        fail(
            _(
                'GET /me/ as {username!r} answered {data!r}; expected {{"username": "{username}"}}.',
                username=USERNAME,
                data=data,
            )
        )


def test_login_then_me() -> None:
    """POST /login/ with the right password answers 200, and then GET /me/ knows the user"""
    with _project():
        client = _client()
        response = _send(client, "POST", "/login/", {"username": USERNAME, "password": PASSWORD})
        if response.status_code != 200:
            fail(
                _(
                    "POST /login/ with the right username and password answered {status}; expected "
                    "200. Check them with `await aauthenticate(request, username=..., password=...)`, then "
                    "`await alogin(request, user)`.",
                    status=response.status_code,
                )
            )
        data = _json(response, "POST /login/")
        if data.get("username") != USERNAME:
            fail(
                _(
                    'POST /login/ as {username!r} answered {data!r}; expected {{"username": "{username}"}}.',
                    username=USERNAME,
                    data=data,
                )
            )
        if "sessionid" not in client.cookies:
            fail(
                _(
                    "POST /login/ answered 200 but set no session cookie, so the next request is anonymous again. "
                    "`await alogin(request, user)` stores the user in the session (and Django sends the cookie); "
                    "did you skip it, or forget its `await`?"
                )
            )
        response = _send(client, "GET", "/me/")
    if response.status_code != 200 or _json(response, _("GET /me/ after logging in")).get("username") != USERNAME:
        fail(
            _(
                "After logging in, GET /me/ with the session cookie answered {status} "
                '{content!r}; expected 200 {{"username": "{username}"}}.',
                status=response.status_code,
                content=response.content[:80],
                username=USERNAME,
            )
        )


def test_wrong_password() -> None:
    """POST /login/ with a wrong password answers 401 with an error, and logs nobody in"""
    with _project():
        client = _client()
        response = _send(client, "POST", "/login/", {"username": USERNAME, "password": "not-" + PASSWORD})
        if response.status_code != 401:
            fail(
                _(
                    "POST /login/ with a wrong password answered {status}; expected 401. "
                    "`aauthenticate` returns None when the credentials do not match: answer "
                    '`JsonResponse({{"error": ...}}, status=401)` then.',
                    status=response.status_code,
                )
            )
        if "error" not in _json(response, _("POST /login/ (wrong password)")):
            fail(_('POST /login/ with a wrong password answered 401 but no "error" key in the JSON.'))
        response = _send(client, "GET", "/login/")
    if response.status_code != 405:
        fail(
            _(
                "GET /login/ answered {status}; expected 405: logging in changes state, so only POST "
                "may do it. Keep `@require_POST` on the view (it works on async views since Django 5.0).",
                status=response.status_code,
            )
        )


def test_logout() -> None:
    """POST /logout/ answers 204 and ends the session: GET /me/ is 401 again"""
    with _project() as user:
        client = _client()
        client.force_login(user)
        response = _send(client, "POST", "/logout/")
        if response.status_code != 204:
            fail(_("POST /logout/ answered {status}; expected 204 (No Content).", status=response.status_code))
        response = _send(client, "GET", "/me/")
    if response.status_code != 401:
        fail(
            _(
                "After POST /logout/, GET /me/ answered {status}; expected 401. "
                "`await alogout(request)` empties the session: did you call it (with `await`)?",
                status=response.status_code,
            )
        )
