"""A small fixture course, built fresh in a temporary folder for each test, and an isolated environment.

The fixture course has two lessons and three exercises:

- 1.1 `add-numbers`   (script, two checks)   exercises/01_basics/add.py
- 1.2 `greet-async`   (script, one check)    exercises/01_basics/greet.py
- 2.1 `hello-asgi`    (asgi, `server:app`)   exercises/02_serving/server.py

Pristine files fail their checks and solutions pass. Nothing here reads the real course content.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tutor.course import Course, load_course

REPO_ROOT = Path(__file__).resolve().parent.parent
TUTOR_CMD = [sys.executable, "-m", "tutor"]

MANIFEST = """\
[course]
title = "Fixture course"

[[lesson]]
id = "basics"
title = "Basics"
file = "01-basics.md"

  [[lesson.exercise]]
  id = "add-numbers"
  title = "Add two numbers"
  files = ["01_basics/add.py"]
  timeout = 4
  hints = ["HINT-ONE: think about the + operator.", "HINT-TWO: `return a + b`."]

  [[lesson.exercise]]
  id = "greet-async"
  title = "An async greeting"
  files = ["01_basics/greet.py"]
  timeout = 4
  hints = ["Use an f-string."]

[[lesson]]
id = "serving"
title = "Serving"
file = "02-serving.md"

  [[lesson.exercise]]
  id = "hello-asgi"
  title = "Hello ASGI"
  files = ["02_serving/server.py"]
  timeout = 4
  run = "asgi"
  app = "server:app"
  needs = ["server"]
  hints = ["Send the body b'hello'."]
"""

LESSONS = {
    "01-basics.md": "# Basics\n\nFunctions return values. LESSON-ONE-TEXT\n",
    "02-serving.md": "# Serving\n\nAn ASGI app is an async callable. LESSON-TWO-TEXT\n",
}

ADD_PRISTINE = """\
# Write `add(a, b)`, which returns the sum of a and b.
# Lesson 1: Basics (`tutor lesson 1`)


def add(a, b):
    return 0  # TODO
"""

ADD_SOLUTION = """\
# Write `add(a, b)`, which returns the sum of a and b.
# Lesson 1: Basics (`tutor lesson 1`)


def add(a, b):
    return a + b
"""

ADD_CHECK = '''\
from tutor.checkkit import fail, load_exercise, require_function


def test_adds_positive_numbers():
    """add(2, 3) gives 5"""
    add = require_function(load_exercise(), "add", is_async=False)
    result = add(2, 3)
    if result != 5:
        fail(f"add(2, 3) should give 5, but it gave {result!r}. Return the sum with `+`.")


def test_adds_negative_numbers():
    """add(-2, -3) gives -5"""
    add = require_function(load_exercise(), "add", is_async=False)
    result = add(-2, -3)
    if result != -5:
        fail(f"add(-2, -3) should give -5, but it gave {result!r}.")
'''

GREET_PRISTINE = """\
# Write the coroutine `greet(name)`, which returns "hello <name>".
# Lesson 1: Basics (`tutor lesson 1`)


async def greet(name):
    return "TODO"
"""

GREET_SOLUTION = """\
# Write the coroutine `greet(name)`, which returns "hello <name>".
# Lesson 1: Basics (`tutor lesson 1`)


async def greet(name):
    return f"hello {name}"
"""

GREET_CHECK = '''\
from tutor.checkkit import fail, load_exercise, require_function, run_async


def test_greets_by_name():
    """greet('ada') gives 'hello ada'"""
    greet = require_function(load_exercise(), "greet", is_async=True)
    result = run_async(greet("ada"), within=2)
    if result != "hello ada":
        fail(f'greet("ada") should give "hello ada", but it gave {result!r}.')
'''

SERVER_TEMPLATE = """\
# Make the ASGI app answer every HTTP request with the body b"hello".
# Lesson 2: Serving (`tutor lesson 2`)


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({{"type": "lifespan.startup.complete"}})
            elif message["type"] == "lifespan.shutdown":
                await send({{"type": "lifespan.shutdown.complete"}})
                return
    await send({{"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]}})
    await send({{"type": "http.response.body", "body": {body!r}}})
"""

SERVER_CHECK = '''\
from tutor.checkkit import fail, load_exercise, require_function, run_async


def test_answers_hello():
    """GET / answers 200 with the body hello"""
    app = require_function(load_exercise(), "app", is_async=True)
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    run_async(app(scope, receive, send), within=2)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    if body != b"hello":
        fail(f"The app should answer with the body b'hello', but it sent {body!r}.")
'''

EXERCISES = {
    "01_basics/add.py": (ADD_PRISTINE, ADD_SOLUTION, ADD_CHECK),
    "01_basics/greet.py": (GREET_PRISTINE, GREET_SOLUTION, GREET_CHECK),
    "02_serving/server.py": (
        SERVER_TEMPLATE.format(body=b"TODO"),
        SERVER_TEMPLATE.format(body=b"hello"),
        SERVER_CHECK,
    ),
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build_course(root: Path, manifest: str = MANIFEST) -> Path:
    """Write the fixture course under `root` and return `root`."""
    write(root / "course.toml", manifest)
    for name, text in LESSONS.items():
        write(root / "lessons" / "en" / name, text)
    for rel, (pristine, solution, check) in EXERCISES.items():
        write(root / "exercises" / rel, pristine)
        write(root / "solutions" / rel, solution)
        write(root / "checks" / rel.removesuffix(".py") / "check.py", check)
    return root


@dataclass(frozen=True)
class TutorEnv:
    """Where things are for one test: the course, the default workspace location, a neutral folder."""

    course_dir: Path
    home: Path
    tutor_home: Path
    outside: Path

    @property
    def workspace(self) -> Path:
        """The default workspace (`$TUTOR_HOME`), created by `tutor next` when none exists."""
        return self.tutor_home

    def subprocess_env(self) -> dict[str, str]:
        """os.environ as the fixtures set it, for `tutor` started as a real process."""
        env = dict(os.environ)
        env.update(NO_COLOR="1", TERM="dumb", PYTHONUNBUFFERED="1")
        return env


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    return build_course(tmp_path / "course")


@pytest.fixture
def tutor_env(tmp_path: Path, course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TutorEnv]:
    """Point the tool at the fixture course, isolate HOME and TUTOR_HOME, and chdir to a neutral folder."""
    home = tmp_path / "home"
    home.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    tutor_home = tmp_path / "home" / "my-course"
    monkeypatch.setenv("TUTOR_COURSE_DIR", str(course_dir))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TUTOR_HOME", str(tutor_home))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    # English unless a test says otherwise, whatever the machine's locale.
    for name in ("TUTOR_LANG", "PYTEST_ADDOPTS", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.chdir(outside)
    yield TutorEnv(course_dir, home, tutor_home, outside)


@pytest.fixture
def course(course_dir: Path) -> Course:
    return load_course(course_dir)


# A frame of the tool's own code in a traceback. (Lessons quote tracebacks of the learner's snippets,
# so the word "Traceback" alone proves nothing.)
_TOOL_FRAME = re.compile(r'File "[^"]*[/\\](tutor|typer|click|rich)[/\\][^"]*\.py", line \d+')


def assert_no_crash(output: str) -> None:
    """Neither a raw traceback of the tool nor its internal-error report reached the learner."""
    assert not _TOOL_FRAME.search(output), output[-4000:]
    assert "RecursionError" not in output and "internal error" not in output, output[-4000:]


def solution_text(rel: str) -> str:
    return EXERCISES[rel][1]


def pristine_text(rel: str) -> str:
    return EXERCISES[rel][0]
