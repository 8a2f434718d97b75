"""A pretend build server whose log you can follow while the build runs (read it; no need to edit).

Each line appears only when the build gets there, so reading the next line means waiting. There are two
ways to wait: `next_line` for async code (it awaits, the event loop serves others meanwhile) and
`next_line_blocking` for the sync code of the WSGI days (it holds its thread). `follow()` wraps
`next_line` in an async iterator, for `async for`.
"""

import asyncio
import time

LINES = [
    "$ make release",
    "compiling 12 modules",
    "running 148 tests",
    "148 passed",
    "packing wheel",
    "build finished: dist/app-1.4.0-py3-none-any.whl",
]
STEP = 0.6  # seconds the build takes per line


async def next_line(number):
    """Line `number` (0, 1, 2...) of the log once the build has written it, or None after the last line."""
    if number >= len(LINES):
        return None
    await asyncio.sleep(STEP)
    return LINES[number]


def next_line_blocking(number):
    """The same for sync code: blocks the calling thread while it waits (fine in a sync worker thread only)."""
    if number >= len(LINES):
        return None
    time.sleep(STEP)
    return LINES[number]


async def follow():
    """Every line of the log, each as soon as the build writes it: `async for line in follow():`."""
    number = 0
    while (line := await next_line(number)) is not None:
        yield line
        number += 1
