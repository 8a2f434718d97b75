"""The body of a check process forked from `runner.CheckForks`' fork server (used by `tutor verify`).

The fork server has already imported Python, pytest and the libraries checks use; each fork makes
itself a cold check process: its own session and process group (so the whole group can be killed),
stdin closed, output to the job's file, the job's environment and folder, then `pytest.main`.
"""

from __future__ import annotations

import atexit
import os
import sys

import pytest

import tutor.check_plugin  # noqa: F401  (imported by the fork server, once for every check)


def run(arguments: list[str], env: dict[str, str], output: str, folder: str) -> None:
    """Run one check; never returns (the exit code is pytest's)."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    sink = os.open(output, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.dup2(sink, 1)
    os.dup2(sink, 2)
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace", write_through=True)  # type: ignore[union-attr]
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(env)
    sys.dont_write_bytecode = True
    code = 1
    try:
        code = int(pytest.main(arguments))
    finally:
        atexit._run_exitfuncs()  # what a check registered (its scratch database, say), as a normal exit would
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
