"""Checks for lesson 9, exercise `whoami/asgi.py`: the ASGI entry point of a Django project, imported
fresh (it must set Django up by itself), then served by uvicorn and by Daphne."""

from __future__ import annotations

import contextlib
import inspect
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from tutor.checkkit import _, fail, load_exercise, run_async, serve_daphne, serve_django

SETTINGS = "settings"
DEPLOY_SETTINGS = "deploy_settings"  # what the environment names in the Daphne check


# --- helpers (local to this check) --------------------------------------------------------
def _load() -> ModuleType:
    """Import the learner's asgi.py the way a server does: with no DJANGO_SETTINGS_MODULE set."""
    from django.core.exceptions import ImproperlyConfigured

    os.environ.pop("DJANGO_SETTINGS_MODULE", None)  # asgi.py itself must say which settings to use
    try:
        return load_exercise()
    except ImproperlyConfigured as exc:
        if "settings are not configured" not in str(exc):
            raise
        fail(
            _(
                "Importing asgi.py failed: Django read its settings before anyone told it which settings "
                "module to use (ImproperlyConfigured: settings are not configured). `get_asgi_application()` "
                "calls `django.setup()`, which reads the settings at once, so DJANGO_SETTINGS_MODULE must be set "
                'before that call: `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")` first, then '
                "`application = get_asgi_application()`."
            )
        )
    except ModuleNotFoundError as exc:
        named = os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if not exc.name or not named.startswith(exc.name):
            raise
        fail(
            _(
                'Importing asgi.py failed: DJANGO_SETTINGS_MODULE is {named!r}, and Python says "No module '
                "named '{module}'\". It must be the import path of the settings module as seen from the "
                "project root, which servers put on sys.path. This project is flat (settings.py sits next to "
                'asgi.py), so it is "settings"; "mysite.settings" is for the package layout that '
                "`startproject` makes.",
                named=named,
                module=exc.name,
            )
        )


def _application() -> Any:
    """The learner's `application`, failing with a teaching message unless it is an ASGI app."""
    from django.core.asgi import get_asgi_application
    from django.core.handlers.wsgi import WSGIHandler

    module = _load()
    names = vars(module)
    app = names.get("application")
    if "application" not in names:
        other = next((n for n in ("app", "asgi_app", "asgi_application", "handler") if n in names), None)
        also = " " + _("Your file names it `{other}`.", other=other) if other else ""
        fail(
            _(
                "asgi.py has no `application`. Servers look for `application` because that is the name you "
                "give them: `uvicorn asgi:application`, `daphne asgi:application` (and Django's own tools "
                "expect it too).{also} Write `application = get_asgi_application()`.",
                also=also,
            )
        )
    if app is None:
        fail(_("`application` is still None: build it with `application = get_asgi_application()`."))
    if isinstance(app, WSGIHandler):
        fail(
            _(
                "`application` is Django's WSGI application (`get_wsgi_application()`): a plain "
                "`(environ, start_response)` callable that an ASGI server cannot call. uvicorn answers every "
                "request with 500 (TypeError: WSGIHandler.__call__() missing 1 required positional argument: "
                "'start_response'). Use `get_asgi_application()` from `django.core.asgi`."
            )
        )
    if app is get_asgi_application or (inspect.isfunction(app) and not inspect.signature(app).parameters):
        fail(
            _(
                "`application` is the function `get_asgi_application` itself, not the application it builds: "
                "call it, `application = get_asgi_application()`. (uvicorn guesses that a function with no "
                "arguments is a factory and calls it for you, with a warning; Daphne does not, and every "
                "request fails.)"
            )
        )
    target = app if inspect.isroutine(app) else type(app).__call__ if callable(app) else None
    if not inspect.iscoroutinefunction(target):
        fail(
            _(
                "`application` is a {kind}, not an ASGI application (an `async def` callable "
                "taking `scope, receive, send`). Build it with `application = get_asgi_application()`.",
                kind=type(app).__name__,
            )
        )
    return app


def _client(timeout: float = 3.0) -> httpx.AsyncClient:
    # trust_env=False: never send the check's loopback requests through a proxy from the environment.
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout), trust_env=False)


def _check_report(response: httpx.Response, server: str, path: str, view: str, settings: str, log: str = "") -> None:
    what = f"{server}: GET {path}"
    if response.status_code != 200:
        tail = " " + _("The server's log ends with:\n{log}", log=log) if log else ""
        fail(
            _(
                "{what} answered status {status}, expected 200 from Django's view.{tail}",
                what=what,
                status=response.status_code,
                tail=tail,
            )
        )
    body = response.json()
    if body.get("request") == "WSGIRequest":
        fail(
            _(
                "{what}: Django built a WSGIRequest, so `application` runs Django's *WSGI* handler behind an "
                "adapter: every request goes through a thread, async views through `async_to_sync` and an event "
                "loop of their own. Serve Django's ASGI handler itself: `application = get_asgi_application()`.",
                what=what,
            )
        )
    if body.get("request") != "ASGIRequest" or body.get("view") != view:
        fail(
            _(
                "{what} answered {body!r}; expected Django's {view} view to answer with an ASGIRequest.",
                what=what,
                body=body,
                view=view,
            )
        )
    if body.get("settings") != settings:
        if settings == DEPLOY_SETTINGS:
            fail(
                _(
                    "{what}: the server was started with DJANGO_SETTINGS_MODULE={deploy!r} in its "
                    "environment, but Django loaded {loaded!r}: asgi.py overwrote the variable. "
                    "Use `os.environ.setdefault(...)`, which sets it only when it is missing, so a deployment "
                    "can choose its own settings.",
                    what=what,
                    deploy=DEPLOY_SETTINGS,
                    loaded=body.get("settings"),
                )
            )
        fail(
            _(
                "{what}: Django loaded the settings module {loaded!r}; expected {settings!r}.",
                what=what,
                loaded=body.get("settings"),
                settings=settings,
            )
        )


@contextlib.contextmanager
def _daphne(env_settings: str) -> Iterator[tuple[str, Any]]:
    """`daphne asgi:application` in the project root, with DJANGO_SETTINGS_MODULE naming a settings
    module of the check's own (the project's settings with DEBUG off)."""
    with tempfile.TemporaryDirectory(prefix="tutor-settings-") as extra:
        (Path(extra) / f"{env_settings}.py").write_text(
            '"""Settings a deployment would use: the project\'s own, with DEBUG off."""\n'
            "from settings import *  # noqa: F403\n\nDEBUG = False\n",
            encoding="utf-8",
        )
        with serve_daphne("application", env={"DJANGO_SETTINGS_MODULE": env_settings, "PYTHONPATH": extra}) as served:
            yield served


# --- the checks -----------------------------------------------------------------------------


def test_asgi_py_sets_up_django() -> None:
    """importing asgi.py sets Django up with "settings" and gives an ASGI `application`"""
    _application()
    from django.conf import settings

    if settings.SETTINGS_MODULE != SETTINGS:
        fail(
            _(
                "After importing asgi.py, Django uses the settings module {module!r}; expected 'settings'.",
                module=settings.SETTINGS_MODULE,
            )
        )


def test_uvicorn_serves_it() -> None:
    """uvicorn serves `application`: / and /sync/ answer with an ASGIRequest"""
    app = _application()

    async def scenario(base: str) -> list[httpx.Response]:
        async with _client() as client:
            return [await client.get(base + path) for path in ("/", "/sync/")]

    with serve_django(app) as base:
        home, sync = run_async(scenario(base), within=6, what=_("Your application under uvicorn"))
    _check_report(home, "uvicorn", "/", "async", SETTINGS)
    _check_report(sync, "uvicorn", "/sync/", "sync", SETTINGS)


def test_daphne_serves_it_with_settings_from_the_environment() -> None:
    """Daphne serves it too, with the settings module the environment names (os.environ.setdefault)"""
    _application()  # a broken file fails here with a better message than Daphne's log

    async def scenario(base: str) -> httpx.Response:
        async with _client() as client:
            return await client.get(base + "/")

    with _daphne(DEPLOY_SETTINGS) as (base, tail):
        response = run_async(scenario(base), within=5, what=_("Your application under Daphne"))
        log = tail()
    _check_report(response, "Daphne", "/", "async", DEPLOY_SETTINGS, log)
