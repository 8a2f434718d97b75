"""The pytest plugin loaded into every check process: it writes structured results as JSON.

The runner never scrapes pytest's text. This plugin records what was collected, each check's
outcome with its teaching message, the learner's own frames from any traceback, warnings, and
captured output, then writes one JSON document at the very end of the session. A missing or
unfinished document therefore means the process died early, which the runner reports as such.

It also enforces a per-check time budget with SIGALRM, so a learner's infinite loop produces a
readable failure pointing at the looping line before the runner's hard kill is needed.
"""

from __future__ import annotations

import inspect
import json
import os
import signal
import time
import traceback
from collections.abc import Generator
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import pytest

from tutor._protocol import BUDGET_ENV, LEARNER_DIR_ENV, RESULTS_ENV
from tutor.i18n import _, translate_text

MAX_OUTPUT = 4000


class CheckTimeout(BaseException):
    """Raised by the alarm: a BaseException so a learner's `except Exception` cannot swallow it."""


class ResultsRecorder:
    """Collects the session's outcomes and writes them to the results file at the end."""

    def __init__(self, results_path: Path, learner_dir: Path, deadline: float | None) -> None:
        self.results_path = results_path
        self.learner_dir = learner_dir
        self.deadline = deadline
        self.collected: list[dict[str, str]] = []
        self.collect_errors: list[str] = []
        self.outcomes: dict[str, dict[str, Any]] = {}
        self.warnings: dict[str, list[str]] = {}
        self.timed_out = False

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collect_errors.append(str(report.longrepr)[-MAX_OUTPUT:])

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:
            doc = inspect.getdoc(getattr(item, "obj", None)) or ""
            # A check's title is the first line of its docstring, translated like any other message.
            title = translate_text(doc.splitlines()[0]) if doc else item.name.removeprefix("test_").replace("_", " ")
            self.collected.append({"id": item.nodeid, "name": item.name, "title": title})

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
        armed = False
        if self.deadline is not None and hasattr(signal, "setitimer"):
            remaining = self.deadline - time.monotonic()
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.05))
            armed = True
        try:
            yield
        finally:
            if armed:
                signal.setitimer(signal.ITIMER_REAL, 0)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if self.timed_out:
            pytest.skip("not run: an earlier check used up the time budget")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[Any, Any, None]:
        outcome = yield
        report: pytest.TestReport = outcome.get_result()
        # A check counts as passed only when its call phase passed: a skip, an xfail or a
        # `pytest.exit()` raised from the learner's code must never look like a pass.
        entry = self.outcomes.setdefault(item.nodeid, {"outcome": "incomplete", "message": "", "frames": []})
        if entry["outcome"] in ("failed", "timeout", "error"):
            return
        if report.skipped:
            reason = getattr(report, "wasxfail", "") or _skip_reason(report)
            entry.update(outcome="skipped", message=reason)
            return
        if report.passed:
            if call.when == "call" and entry["outcome"] == "incomplete":
                entry["outcome"] = "passed"
            return
        excinfo = call.excinfo
        if excinfo is None:
            return
        exc = excinfo.value
        entry["frames"] = _learner_frames(excinfo.tb, self.learner_dir)
        entry["output"] = (report.capstdout + report.capstderr)[-MAX_OUTPUT:]
        if isinstance(exc, CheckTimeout):
            self.timed_out = True
            entry.update(outcome="timeout", kind="timeout", message="")
        elif isinstance(exc, SyntaxError) and exc.filename and _is_learner(exc.filename, self.learner_dir):
            entry.update(outcome="error", kind="syntax", message=f"{type(exc).__name__}: {exc.msg}")
            code = (exc.text or "").rstrip()
            entry["frames"] = [{"path": exc.filename, "line": exc.lineno or 1, "function": "", "code": code}]
        elif isinstance(exc, SystemExit):
            entry.update(
                outcome="error",
                kind="learner-error",
                message=_(
                    "Your code called `sys.exit({code!r})`, which stops the check. Remove it, or keep it "
                    'under `if __name__ == "__main__":` so it runs only when you start the file yourself.',
                    code=exc.code,
                ),
            )
        elif isinstance(exc, OSError) and "reading from stdin" in str(exc):
            entry.update(
                outcome="error",
                kind="learner-error",
                message=_(
                    "Your code called `input()`, but nobody types during a check. Take values as function "
                    'parameters instead, or keep the `input()` under `if __name__ == "__main__":`.'
                ),
            )
        elif isinstance(exc, AssertionError):
            entry.update(outcome="failed", kind="assertion", message=str(exc))
        else:
            if not entry["frames"]:
                entry.update(outcome="error", kind="error", message=f"{type(exc).__name__}: {exc}")
            elif isinstance(exc, NotImplementedError):
                entry.update(outcome="error", kind="learner-error", message=_("Not written yet: {reason}", reason=exc))
            else:
                message = _("Your code raised {kind}: {error}", kind=type(exc).__name__, error=exc)
                entry.update(outcome="error", kind="learner-error", message=message)

    def pytest_warning_recorded(
        self, warning_message: Any, when: str, nodeid: str, location: tuple[str, int, str] | None
    ) -> None:
        text = f"{warning_message.category.__name__}: {warning_message.message}"
        self.warnings.setdefault(nodeid, []).append(text[:MAX_OUTPUT])

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        document = {
            "finished": True,
            "exitstatus": int(exitstatus),
            "collected": self.collected,
            "collect_errors": self.collect_errors,
            "outcomes": self.outcomes,
            "warnings": self.warnings,
        }
        tmp = self.results_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(document), encoding="utf-8")
        os.replace(tmp, self.results_path)


def pytest_configure(config: pytest.Config) -> None:
    budget = os.environ.get(BUDGET_ENV)
    recorder = ResultsRecorder(
        results_path=Path(os.environ.get(RESULTS_ENV, "tutor-results.json")),
        learner_dir=Path(os.environ.get(LEARNER_DIR_ENV, ".")).resolve(),
        deadline=time.monotonic() + float(budget) if budget else None,
    )
    config.pluginmanager.register(recorder, "tutor-results-recorder")
    # pytest's own failure report is never shown (the recorder keeps what the learner needs), so
    # skip building it: reading sources for a long traceback costs ~30 ms per failed check.
    config.option.tbstyle = "value"


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise CheckTimeout()


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _is_learner(filename: str, learner_dir: Path) -> bool:
    try:
        return Path(filename).resolve().is_relative_to(learner_dir)
    except OSError:
        return False


def _learner_frames(tb: TracebackType | None, learner_dir: Path) -> list[dict[str, Any]]:
    frames = []
    for summary in traceback.extract_tb(tb):
        if _is_learner(summary.filename, learner_dir):
            frames.append(
                {
                    "path": summary.filename,
                    "line": summary.lineno or 1,
                    "function": summary.name,
                    "code": (summary.line or "").rstrip(),
                }
            )
    return frames
