"""checkkit's support for exercises where the learner writes the tests (`LearnerTests`), run the way a
check runs it: in a child process, against a tiny Django project; and its Server-Sent Events reader."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from conftest import write

from tutor.checkkit import CheckFailure, EventStreamReader, ServerSentEvent

SETTINGS = """\
SECRET_KEY = "test"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = []
ROOT_URLCONF = "urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
USE_TZ = True
"""

MANAGE = """\
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
"""

URLS = """\
from django.urls import path
import views
urlpatterns = [path("notes/<int:pk>/", views.note)]
"""

VIEWS = """\
from django.http import Http404, JsonResponse
NOTES = {1: "buy milk"}
async def note(request, pk):
    if pk not in NOTES:
        raise Http404("no such note")
    return JsonResponse({"text": NOTES[pk]})
"""

# The planted bug: a missing note answers 200.
BROKEN_VIEWS = VIEWS.replace('raise Http404("no such note")', 'return JsonResponse({"text": ""})')

THOROUGH_TESTS = """\
from django.test import SimpleTestCase
class NoteTests(SimpleTestCase):
    async def test_found(self):
        response = await self.async_client.get("/notes/1/")
        self.assertEqual(response.json(), {"text": "buy milk"})
    async def test_missing(self):
        response = await self.async_client.get("/notes/2/")
        self.assertEqual(response.status_code, 404)
"""

WEAK_TESTS = THOROUGH_TESTS.split("    async def test_missing")[0]
WRONG_TESTS = THOROUGH_TESTS.replace('"buy milk"', '"buy bread"')
HANGING_TESTS = """\
import asyncio
from django.test import SimpleTestCase
class NoteTests(SimpleTestCase):
    async def test_forever(self):
        await asyncio.Event().wait()
"""
BROKEN_IMPORT_TESTS = "import no_such_module\n"

CHECK = """\
from pathlib import Path
import pytest
from tutor.checkkit import CheckFailure, LearnerTests, PlantedBug

BUG = PlantedBug("missing", {"views.py": Path(__file__).parent / "broken_views.py"},
                 "a missing note answers 200", "Add a test that asks for a note that does not exist.")
TESTS = LearnerTests([BUG], within=8)

def outcome(step):
    try:
        step()
    except CheckFailure as failure:
        return str(failure)
    return "ok"

def test_report():
    Path("report.txt").write_text(outcome(lambda: TESTS.assert_pass_on_correct_app(at_least=2))
                                  + "\\n---\\n" + outcome(lambda: TESTS.assert_catches("missing")))
"""


@pytest.mark.parametrize(
    ("tests", "on_correct", "on_bug"),
    [
        (THOROUGH_TESTS, "ok", "ok"),
        (WEAK_TESTS, "asks for at least 2 tests", "all passed against a broken app: a missing note answers 200"),
        (WRONG_TESTS, "1 of your 2 tests failed against the app as given", "Not tried yet"),
        (HANGING_TESTS, "did not finish within 8 s", "Not tried yet"),
        (BROKEN_IMPORT_TESTS, "No module named 'no_such_module'", "Not tried yet"),
    ],
    ids=["thorough", "weak", "wrong", "hanging", "broken-import"],
)
def test_learner_tests_against_correct_and_broken_app(tmp_path: Path, tests: str, on_correct: str, on_bug: str) -> None:
    project = tmp_path / "learner" / "15-testing" / "notes"
    files = {"settings.py": SETTINGS, "manage.py": MANAGE, "urls.py": URLS, "views.py": VIEWS, "tests.py": tests}
    for rel, text in files.items():
        write(project / rel, text)
    write(tmp_path / "check" / "check.py", CHECK)
    write(tmp_path / "check" / "broken_views.py", BROKEN_VIEWS)
    env = dict(
        os.environ,
        TUTOR_LEARNER_DIR=str(tmp_path / "learner"),
        TUTOR_EXERCISE_FILES="15-testing/notes/tests.py",
        TUTOR_RESULTS_PATH=str(tmp_path / "results.json"),
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "check" / "check.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    correct, bug = (tmp_path / "report.txt").read_text().split("\n---\n")
    assert on_correct in correct, correct
    assert on_bug in bug, bug
    assert not list(tmp_path.glob("tutor-tests-*")), "the copies of the project must be removed"
    assert not (project / "db.sqlite3").exists()


async def _chunks(*parts: bytes, then_wait: bool = False) -> AsyncIterator[bytes]:
    for part in parts:
        yield part
    if then_wait:
        await asyncio.Event().wait()


def test_event_stream_reader_parses_events_split_across_chunks() -> None:
    async def main() -> list[ServerSentEvent]:
        reader = EventStreamReader(
            _chunks(b": hello\r\n\r\nda", b"ta: one\n\nevent: notice\nid: 7\ndata: a\ndata: b\n", b"\n", then_wait=True)
        )
        events = [await reader.next_event(), await reader.next_event()]
        assert reader.comments == ["hello"]
        return events

    assert asyncio.run(main()) == [ServerSentEvent("one"), ServerSentEvent("a\nb", "notice", "7")]


@pytest.mark.parametrize(
    ("parts", "then_wait", "words"),
    [
        ((b"data: never ended\n",), True, "sent no complete event within 0.2 s"),
        ((b"data: one\n\n",), False, "ended instead of sending the next event"),
    ],
)
def test_event_stream_reader_explains_a_missing_event(parts: tuple[bytes, ...], then_wait: bool, words: str) -> None:
    async def main() -> None:
        reader = EventStreamReader(_chunks(*parts, then_wait=then_wait))
        if not then_wait:
            await reader.next_event()
        await reader.next_event(within=0.2)

    with pytest.raises(CheckFailure, match=words):
        asyncio.run(main())


def test_event_stream_reader_reads_on_after_a_deadline_and_sees_keep_alives() -> None:
    async def slow_stream() -> AsyncIterator[bytes]:
        yield b": keep-alive\n\n"
        await asyncio.sleep(0.3)
        yield b"data: late\n\n"

    async def main() -> tuple[str, str]:
        reader = EventStreamReader(slow_stream())
        comment = await reader.next_comment(within=1)
        with pytest.raises(CheckFailure, match=r"sent no complete event within 0\.1 s"):
            await reader.next_event(within=0.1)
        event = await reader.next_event(within=2)  # the read that overstayed is still the one awaited
        await reader.aclose()
        return comment, event.data

    assert asyncio.run(main()) == ("keep-alive", "late")
