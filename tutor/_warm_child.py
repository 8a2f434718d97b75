"""A check process started ahead of its job (see `runner.WarmWorker`).

It pays for Python's and pytest's start-up while the learner is still typing, then waits for one
JSON line on stdin: the pytest arguments and the job's environment. After that, stdin is closed to
the learner's code exactly as in a cold run.
"""

from __future__ import annotations

import importlib
import json
import os
import sys

import pytest

import tutor.check_plugin  # noqa: F401  (imported now so the job does not pay for it)
from tutor._protocol import PRELOAD_ENV


def preload(names: str) -> None:
    """Import what the coming check will need (a comma-separated list) while the learner types.

    A module that fails to import is skipped: the check itself will import it and report the error."""
    for name in filter(None, names.split(",")):
        try:
            importlib.import_module(name)
        except Exception:
            continue


def main() -> int:
    preload(os.environ.pop(PRELOAD_ENV, ""))
    line = sys.stdin.readline()
    if not line:  # the parent went away without a job
        return 0
    job = json.loads(line)
    os.environ.update(job["env"])
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    return int(pytest.main(job["args"]))


if __name__ == "__main__":
    sys.exit(main())
