"""Checks for lesson 17, exercise `pg_pool.py`: one asyncpg pool, sized, shared, released and closed, watched
from the server's side (`pg_stat_activity`) on a real PostgreSQL server."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    postgres_server,
    reject_coroutine,
    require_function,
    run_async,
)

CALLS = 10
DELAY = 0.2  # each query on `books` sleeps this long on the server (the check makes `books` a slow view)
TITLES = ["Dracula", "Dune", "Emma", "Middlemarch"]


def _exercise() -> Any:
    postgres_server()  # first: it puts PGHOST, PGPORT... in the environment
    module = load_exercise()
    for name in ("open_pool", "fetch_titles", "close_pool"):
        require_function(module, name, is_async=True)
    return module


async def _setup(admin: Any) -> None:
    await admin.execute(
        "DROP VIEW IF EXISTS books; DROP TABLE IF EXISTS book_rows;"
        "CREATE TABLE book_rows (title text PRIMARY KEY);"
        f"CREATE VIEW books AS SELECT title FROM book_rows, pg_sleep({DELAY});"
    )
    await admin.executemany("INSERT INTO book_rows VALUES ($1)", [(title,) for title in TITLES])


async def _named(admin: Any, name: str) -> int:
    return int(await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", name))


async def _open(module: Any) -> Any:
    pool = reject_coroutine(await module.open_pool(), "`await open_pool()`")
    if not isinstance(pool, asyncpg.Pool):
        fail(
            _(
                "`open_pool()` returned {pool!r}; expected an asyncpg pool: `return await "
                "asyncpg.create_pool(min_size=MIN_SIZE, max_size=MAX_SIZE, "
                "server_settings={{'application_name': POOL_NAME}})`.",
                pool=pool,
            )
        )
    return pool


async def _closed_within(admin: Any, name: str, within: float) -> int:
    """How many connections named `name` the server still has after up to `within` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    left = await _named(admin, name)
    while left and loop.time() < deadline:
        await asyncio.sleep(0.05)
        left = await _named(admin, name)
    return left


def test_open_and_close() -> None:
    """open_pool opens MIN_SIZE named connections at once; close_pool closes every one of them"""
    module = _exercise()
    name = module.POOL_NAME

    async def scenario() -> tuple[int, int]:
        admin = await asyncpg.connect()
        pool = None
        try:
            pool = await _open(module)
            opened = await _named(admin, name)
            await module.close_pool(pool)
            left = await _closed_within(admin, name, 1.0)
            return opened, left
        finally:
            if pool is not None and not pool.is_closing():
                pool.terminate()
            await admin.close()

    with no_unawaited_coroutines():
        opened, left = run_async(scenario, within=4, what=_("`open_pool()` then `close_pool(pool)`"))
    if opened == 0:
        fail(
            _(
                "After `open_pool()` the server had no connection named {name!r}. Name the pool's "
                "connections so you can find them in pg_stat_activity: `asyncpg.create_pool(..., "
                'server_settings={{"application_name": POOL_NAME}})`.',
                name=name,
            )
        )
    if opened != module.MIN_SIZE:
        fail(
            ngettext(
                (
                    "After `open_pool()` the server had {n} connection(s) named {name!r}; expected "
                    "MIN_SIZE = {min_size}: a pool opens `min_size` connections at once (asyncpg's "
                    "default is 10). Pass `min_size=MIN_SIZE, max_size=MAX_SIZE`."
                ),
                (
                    "After `open_pool()` the server had {n} connection(s) named {name!r}; expected "
                    "MIN_SIZE = {min_size}: a pool opens `min_size` connections at once (asyncpg's "
                    "default is 10). Pass `min_size=MIN_SIZE, max_size=MAX_SIZE`."
                ),
                opened,
                name=name,
                min_size=module.MIN_SIZE,
            )
        )
    if left:
        fail(
            ngettext(
                (
                    "After `await close_pool(pool)` the server still had {n} connection(s) named "
                    "{name!r} a second later: the pool is still open. Each one is a PostgreSQL server "
                    "process holding memory until the program exits (or longer, behind a proxy). Close "
                    "it: `await pool.close()`."
                ),
                (
                    "After `await close_pool(pool)` the server still had {n} connection(s) named "
                    "{name!r} a second later: the pool is still open. Each one is a PostgreSQL server "
                    "process holding memory until the program exits (or longer, behind a proxy). Close "
                    "it: `await pool.close()`."
                ),
                left,
                name=name,
            )
        )


@dataclass
class Seen:
    results: list[Any] = field(default_factory=list)
    peak: int = 0  # the most queries on `books` running at once
    backends: set[int] = field(default_factory=set)  # every server process that ran one
    outsiders: int = 0  # queries on connections without the pool's name
    finished: bool = False
    stalled: float = 0.0


def test_calls_share_the_pool() -> None:
    """ten concurrent fetch_titles calls share at most MAX_SIZE connections, and each gives its connection back"""
    module = _exercise()
    name, most = module.POOL_NAME, module.MAX_SIZE
    seen = Seen()
    prefixes = ["D", "E", "M", "X", "Du"] * 2

    async def scenario() -> None:
        admin = await asyncpg.connect()
        pool = None

        async def watch() -> None:
            while True:
                rows = await admin.fetch(
                    "SELECT pid, application_name FROM pg_stat_activity "
                    "WHERE state = 'active' AND query LIKE '%FROM books%' AND pid <> pg_backend_pid()"
                )
                seen.peak = max(seen.peak, len(rows))
                seen.backends.update(row["pid"] for row in rows)
                seen.outsiders = max(seen.outsiders, sum(1 for row in rows if row["application_name"] != name))
                await asyncio.sleep(0.02)

        await _setup(admin)
        watcher = asyncio.create_task(watch())
        try:
            pool = await _open(module)
            async with LoopHeartbeat() as beat:
                calls = asyncio.gather(*(module.fetch_titles(pool, prefix) for prefix in prefixes))
                try:
                    async with asyncio.timeout(CALLS * DELAY + 1.0):
                        seen.results = await calls
                        seen.finished = True
                except TimeoutError:
                    calls.cancel()
                    await asyncio.gather(calls, return_exceptions=True)
            seen.stalled = beat.max_gap
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)
            if pool is not None:
                pool.terminate()
            await admin.close()

    with no_unawaited_coroutines():
        run_async(
            scenario,
            within=5,
            what=_(
                "{calls} calls of `fetch_titles(pool, prefix)` at once",
                calls=CALLS,
            ),
        )
    if seen.stalled > 0.15:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms during the calls: a synchronous "
                "driver or `time.sleep()` inside `async def` freezes every other coroutine. Await "
                "the pool's methods.",
                ms=seen.stalled * 1000,
            )
        )
    if seen.outsiders:
        fail(
            ngettext(
                (
                    "The server saw {n} queries at once on connections that are not the pool's (not "
                    "named {name!r}): `fetch_titles` opens a new connection per call. That costs a "
                    "handshake, authentication and a new server process each time, and nothing limits "
                    "how many. Borrow one from the pool: `async with pool.acquire() as connection:`, or "
                    "simply `await pool.fetch(TITLES_SQL, prefix)`."
                ),
                (
                    "The server saw {n} queries at once on connections that are not the pool's (not "
                    "named {name!r}): `fetch_titles` opens a new connection per call. That costs a "
                    "handshake, authentication and a new server process each time, and nothing limits "
                    "how many. Borrow one from the pool: `async with pool.acquire() as connection:`, or "
                    "simply `await pool.fetch(TITLES_SQL, prefix)`."
                ),
                seen.outsiders,
                name=name,
            )
        )
    if not seen.finished:
        fail(
            _(
                "{calls} calls with a pool of MAX_SIZE = {most} never all finished: after the first "
                "{most} the pool had no free connection left, and the other calls waited for one "
                "forever. `fetch_titles` acquired a connection and never gave it back. `async with "
                "pool.acquire() as connection:` releases it when the block ends (even after an "
                "error); `pool.fetch(...)` does both for you.",
                calls=CALLS,
                most=most,
            )
        )
    if seen.peak > most or len(seen.backends) > most:
        fail(
            _(
                "{calls} calls at once ran {peak} queries at the same time on {backends} different "
                "server connections; a pool with max_size = MAX_SIZE = {most} never holds more than "
                "{most}, and the other calls wait their turn. Pass `max_size=MAX_SIZE` to "
                "`asyncpg.create_pool` (its default is 10; the server's max_connections is shared by "
                "every process of your app).",
                calls=CALLS,
                peak=seen.peak,
                backends=len(seen.backends),
                most=most,
            )
        )
    if seen.peak < min(most, CALLS):
        fail(
            ngettext(
                (
                    "At most {n} queries ran at once; with {calls} calls and a pool of {most} "
                    "connections, {most} should run together. Does `fetch_titles` hold a lock, or await "
                    "something between calls?"
                ),
                (
                    "At most {n} queries ran at once; with {calls} calls and a pool of {most} "
                    "connections, {most} should run together. Does `fetch_titles` hold a lock, or await "
                    "something between calls?"
                ),
                seen.peak,
                calls=CALLS,
                most=most,
            )
        )
    expected = [[t for t in TITLES if t.startswith(prefix)] for prefix in prefixes]
    if seen.results != expected:
        fail(
            _(
                "`fetch_titles` returned {results!r}...; expected {expected!r}...: a list of the "
                "titles (str), sorted, for each prefix. Run TITLES_SQL with the prefix as its "
                'parameter and take `row["title"]` from each row.',
                results=seen.results[:5],
                expected=expected[:5],
            )
        )
