"""tutor.checkkit's Django helpers, run the way a check runs them: in a child process of their own,
against a small learner project whose views make each mistake the helpers must explain."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import write

SETTINGS = """\
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "test"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions", "shelf"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
"""

MODELS = """\
from django.db import models
class Author(models.Model):
    name = models.CharField(max_length=50)
class Book(models.Model):
    title = models.CharField(max_length=50)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
"""

URLS = """\
from django.urls import path
import views
urlpatterns = [path(f"{name}/", getattr(views, name)) for name in views.__all__]
"""

VIEWS = """\
from asgiref.sync import sync_to_async
from django.db import transaction
from django.http import JsonResponse
from shelf.models import Book

__all__ = ["native", "sync_orm", "lazy", "wrapped", "me", "atomic", "boom", "forgot"]

async def native(request):
    return JsonResponse({"n": await Book.objects.acount()})

async def sync_orm(request):
    return JsonResponse({"n": Book.objects.count()})

async def lazy(request):
    book = await Book.objects.afirst()
    return JsonResponse({"author": book.author.name})

async def wrapped(request):
    return JsonResponse({"n": await sync_to_async(Book.objects.count)()})

async def me(request):
    return JsonResponse({"user": request.user.username})

async def atomic(request):
    with transaction.atomic():
        pass
    return JsonResponse({})

async def boom(request):
    raise ValueError("no such thing")

async def forgot(request):
    Book.objects.acount()
    return JsonResponse({})

def plain(request):
    return JsonResponse({})

# For django_request (below the others: the checks above name their lines).
import asyncio, json, time
from django.http import HttpResponse, StreamingHttpResponse

__all__ += ["echo", "missing", "mixup", "sleepy", "lines", "gone", "text"]

async def echo(request):
    return JsonResponse({"got": json.loads(request.body or "null"), "q": request.GET.get("q")}, status=201)

async def missing(request):
    return JsonResponse({"title": (await Book.objects.aget(pk=-1)).title})

async def mixup(request):
    book = Book.objects.afirst()
    return JsonResponse({"title": book.title})

async def sleepy(request):
    time.sleep(0.4)
    return JsonResponse({})

async def lines(request):
    async def body():
        for n in range(3):
            await asyncio.sleep(0)
            yield f"{n}\\n"
    return StreamingHttpResponse(body())

async def gone(request):
    return JsonResponse({"error": "gone"}, status=404)

async def text(request):
    return HttpResponse("plain words")
"""

CHECK = """\
import os
from pathlib import Path

import httpx
import pytest
from django_helpers_under_test import *  # noqa: F403


def client():
    from django.test import AsyncClient
    return AsyncClient()


def test_project_and_fresh_database():
    project = django_project()
    assert project is django_project()
    from shelf.models import Author, Book
    assert project.database.is_file() and project.database.name == "db.sqlite3"
    assert not (project.root / "db.sqlite3").exists(), "the learner's own database must stay untouched"
    author = Author.objects.create(name="Ann")
    Book.objects.create(title="One", author=author)
    assert run_django(lambda: client().get("/native/")).json() == {"n": 1}
    from django.db import connection
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 0, "a scratch database needs no disk syncs"


def test_unawaited_coroutine_in_a_view_names_the_line():
    django_project()
    with pytest.raises(CheckFailure, match=r"on line 33 but never awaited it"):
        with no_unawaited_coroutines():
            run_django(lambda: client().get("/forgot/"))


@pytest.mark.parametrize("path, words", [
    ("/sync_orm/", "ran a synchronous database query inside async code (line 12 of views.py"),
    ("/lazy/", "followed a relation that was not loaded yet"),
    ("/me/", "`request.user` was read in async code"),
    ("/atomic/", "`transaction.atomic()` was used in async code"),
])
def test_sync_only_operation_is_explained(path, words):
    django_project()
    from django.contrib.auth.models import User
    from shelf.models import Author, Book
    if not Book.objects.exists():
        Book.objects.create(title="One", author=Author.objects.create(name="Ann"))
    user, _ = User.objects.get_or_create(username="bob")
    c = client()
    c.force_login(user)  # request.user only queries when someone is logged in
    with pytest.raises(CheckFailure) as caught:
        run_django(lambda: c.get(path))
    assert words in str(caught.value), str(caught.value)


def test_spy_tells_native_from_wrapped():
    django_project()
    with SyncToAsyncSpy() as spy:
        run_django(lambda: client().get("/native/"))
    spy.assert_native_orm()
    with SyncToAsyncSpy() as spy:
        run_django(lambda: client().get("/wrapped/"))
    with pytest.raises(CheckFailure, match="reaches the database through `sync_to_async"):
        spy.assert_native_orm("your view")


def test_require_async_view():
    django_project()
    from django.views import View
    views = load_exercise()
    require_async_view(views.native, "native")
    with pytest.raises(CheckFailure, match="is a plain `def` view"):
        require_async_view(views.plain, "plain")

    class Mixed(View):
        async def get(self, request): ...
        def post(self, request): ...

    with pytest.raises(CheckFailure, match="all sync or all async"):
        require_async_view(Mixed, "Mixed")


def test_serve_django_explains_a_server_side_error(caplog):
    django_project()
    with serve_django() as url:
        assert httpx.get(url + "/native/").status_code == 200
    with pytest.raises(CheckFailure, match="ran a synchronous database query"):
        with serve_django() as url:
            response = httpx.get(url + "/sync_orm/")
            assert response.status_code == 200, "got 500"
    caplog.clear()
    with serve_django() as url:  # a 404 is an answer, not a crash, and no "Not Found" log line for the learner
        assert httpx.get(url + "/nowhere/").status_code == 404
    assert "Not Found" not in caplog.text, caplog.text
    with pytest.raises(CheckFailure) as caught:
        with serve_django() as url:
            assert httpx.get(url + "/boom/").status_code == 200, "boom should answer 200"
    said = str(caught.value)
    assert said.startswith("boom should answer 200 (While serving, your code raised ValueError: no such thing"), said
    assert "of views.py: `raise ValueError(" in said, said


def _some_book():
    from shelf.models import Author, Book
    if not Book.objects.exists():
        Book.objects.create(title="One", author=Author.objects.create(name="Ann"))


def test_django_request_sends_reads_and_keeps_the_log_quiet(caplog):
    django_project()
    _some_book()
    response = django_request("POST", "/echo/?q=1", json_body={"a": [1]})
    assert response_json(response, "POST /echo/", 201) == {"got": {"a": [1]}, "q": "1"}
    assert django_request("GET", "/echo/", data={"q": "2"}).json() == {"got": None, "q": "2"}
    assert django_request("GET", "/native/", client=client(), native_orm=True).json() == {"n": 1}
    assert django_request("GET", "/lines/", read_stream=True).streamed == b"0\\n1\\n2\\n"
    run_django(lambda: client().get("/gone/"))
    assert "Not Found: /gone/" in caplog.text, "Django logs each 4xx (to stderr, with DEBUG on)"
    caplog.clear()
    with pytest.raises(CheckFailure, match=r"GET /gone/ answered 404; expected 200. Body: b'"):
        response_json(django_request("GET", "/gone/"), "GET /gone/")
    assert "Not Found" not in caplog.text, "django_request keeps Django's 4xx log off the learner's report"
    with pytest.raises(CheckFailure, match="which is not JSON"):
        response_json(django_request("GET", "/text/"), "GET /text/")


@pytest.mark.parametrize("path, options, words", [
    ("/missing/", {}, "GET /missing/ raised Book.DoesNotExist (Book matching query does not exist.) (line "),
    ("/missing/", {}, "must answer 404, not crash with a 500: `await aget_object_or_404("),
    ("/mixup/", {}, "GET /mixup/ failed with AttributeError: 'coroutine' object has no attribute 'title' (line"),
    ("/mixup/", {}, "Did you forget `await`?"),
    ("/forgot/", {}, "on line 33 but never awaited it"),
    ("/sleepy/", {"what": "the sleepy view"}, "blocked the event loop for"),
    ("/sleepy/", {"what": "the sleepy view"}, "while the sleepy view ran"),
    ("/sync_orm/", {}, "GET /sync_orm/ ran a synchronous database query inside async code (line 12 of views.py"),
    ("/wrapped/", {"native_orm": True}, "GET /wrapped/ reaches the database through `sync_to_async("),
    ("/boom/", {}, "GET /boom/ raised ValueError: no such thing (line "),
])
def test_django_request_explains_what_went_wrong(path, options, words):
    django_project()
    _some_book()
    with pytest.raises(CheckFailure) as caught:
        django_request("GET", path, **options)
    assert words in str(caught.value), str(caught.value)


def test_django_request_takes_the_lessons_own_words():
    django_project()
    seen = []

    def explain(exc, what, where):
        seen.append(type(exc).__name__)
        return f"lesson words for {what}{where}" if isinstance(exc, ValueError) else None

    with pytest.raises(CheckFailure) as caught:
        django_request("GET", "/boom/", explain=explain)
    assert str(caught.value).startswith("lesson words for GET /boom/ (line "), str(caught.value)
    assert "of views.py: `raise ValueError(" in str(caught.value), str(caught.value)
    with pytest.raises(CheckFailure, match="ran a synchronous database query inside async code"):
        django_request("GET", "/sync_orm/", explain=explain)
    assert seen == ["ValueError", "SynchronousOnlyOperation"], seen


def test_adapted_handlers_sees_a_sync_only_middleware():
    django_project()
    from django.test import override_settings
    with override_settings(MIDDLEWARE=["django.middleware.common.CommonMiddleware"]):
        with adapted_handlers() as adapted:
            run_django(lambda: client().get("/native/"))
    assert adapted == [], adapted
    with override_settings(MIDDLEWARE=["mw.sync_only"]):
        with adapted_handlers() as adapted:
            run_django(lambda: client().get("/native/"))
    assert any("adapted" in message for message in adapted), adapted
"""

MIDDLEWARE = """\
from django.utils.decorators import sync_only_middleware

@sync_only_middleware
def sync_only(get_response):
    def middleware(request):
        return get_response(request)
    return middleware
"""


def test_django_helpers_in_a_check_process(tmp_path: Path) -> None:
    project = tmp_path / "learner" / "11-orm" / "shop"
    for rel, text in {
        "settings.py": SETTINGS,
        "urls.py": URLS,
        "views.py": VIEWS,
        "mw.py": MIDDLEWARE,
        "shelf/__init__.py": "",
        "shelf/models.py": MODELS,
    }.items():
        write(project / rel, text)
    check = tmp_path / "check" / "test_helpers.py"
    write(check, CHECK)
    write(
        tmp_path / "check" / "django_helpers_under_test.py",
        "from tutor.checkkit import *  # noqa: F403\nfrom tutor.checkkit import CheckFailure  # noqa: F401\n",
    )
    env = dict(
        os.environ,
        TUTOR_LEARNER_DIR=str(tmp_path / "learner"),
        TUTOR_EXERCISE_FILES="11-orm/shop/views.py",
        TUTOR_RESULTS_PATH=str(tmp_path / "results.json"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    templates = tmp_path / "cache" / "async-django-tutor" / "databases"
    # The first run migrates and keeps a template; the second starts from a copy of it.
    for run in ("migrating", "from the template"):
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "--assert=plain", "-p", "no:cacheprovider", str(check)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, run + ": " + done.stdout[-4000:] + done.stderr[-2000:]
        assert "22 passed" in done.stdout, done.stdout[-2000:]
        assert not list(tmp_path.glob("tutor-db-*")), "the check's database must be removed when it ends"
        assert len(list(templates.glob("*.sqlite3"))) == 1, list(templates.iterdir())
    # A changed model is another schema: a new template, never the old one.
    models = project / "shelf" / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "class Shelf(models.Model):\n    pass\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--assert=plain", "-p", "no:cacheprovider", str(check), "-k", "fresh"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert len(list(templates.glob("*.sqlite3"))) == 2
