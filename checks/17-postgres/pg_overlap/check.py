"""Checks for lesson 17, exercise `pg_overlap.py`: slow queries run at the same time over an asyncpg pool,
proved on a real PostgreSQL server by the server's own view of its sessions (`pg_stat_activity`)."""

from __future__ import annotations

import asyncio
import inspect
from dataclasses import dataclass, field
from typing import Any

import asyncpg

from tutor.checkkit import (
    LoopHeartbeat,
    Stopwatch,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    postgres_server,
    require_function,
    run_async,
)

POOL_NAME = "tutor-check-pool"  # the application_name of the pool's connections, as the server sees it
SLOW = "SELECT $2::int FROM pg_sleep($1)"
DELAY = 0.3
COUNT = 4
CALL = "`await run_all(pool, queries)`"


@dataclass
class Seen:
    results: Any = None
    error: BaseException | None = None
    peak: int = 0  # the most pg_sleep queries running at once on the server
    outsiders: int = 0  # the most of them running on connections that are not the pool's
    stalled: float = 0.0
    elapsed: float = 0.0
    samples: list[int] = field(default_factory=list)


def _run_all() -> Any:
    postgres_server()  # first: it puts PGHOST, PGPORT... in the environment
    return require_function(load_exercise(), "run_all", is_async=True)


async def _scenario(run_all: Any, queries: list[tuple[str, tuple[Any, ...]]]) -> Seen:
    """Run the learner's code over a pool of COUNT connections while a separate connection watches the server."""
    seen = Seen()
    async with asyncpg.create_pool(
        min_size=COUNT, max_size=COUNT, server_settings={"application_name": POOL_NAME}
    ) as pool:
        monitor = await asyncpg.connect()

        async def watch() -> None:
            while True:
                rows = await monitor.fetch(
                    "SELECT application_name FROM pg_stat_activity "
                    "WHERE state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()"
                )
                seen.peak = max(seen.peak, len(rows))
                seen.outsiders = max(seen.outsiders, sum(1 for row in rows if row[0] != POOL_NAME))
                await asyncio.sleep(0.02)

        watcher = asyncio.create_task(watch())
        try:
            async with LoopHeartbeat() as beat:
                with Stopwatch() as clock:
                    try:
                        seen.results = await run_all(pool, queries)
                    except asyncpg.InterfaceError as exc:
                        seen.error = exc
            seen.stalled, seen.elapsed = beat.max_gap, clock.elapsed
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)
            await monitor.close()
    return seen


def _run(queries: list[tuple[str, tuple[Any, ...]]]) -> Seen:
    run_all = _run_all()
    with no_unawaited_coroutines():
        seen = run_async(_scenario(run_all, queries), within=4, what=CALL)
        if isinstance(seen.results, list) and any(inspect.iscoroutine(item) for item in seen.results):
            for item in seen.results:
                if inspect.iscoroutine(item):
                    item.close()
            fail(
                _(
                    "{call} returned a list of coroutine objects, not results: `pool.fetchval(...)` "
                    "only creates a coroutine, and no query ran. Did you forget `await`? Hand them "
                    "all to `asyncio.gather(...)` and await that once: it runs them together and "
                    "gives the results in order.",
                    call=CALL,
                )
            )
    _judge(seen)
    return seen


def _judge(seen: Seen) -> None:
    if seen.error is not None:
        fail(
            _(
                "asyncpg raised InterfaceError: {error}. One connection runs one query at a time: "
                "PostgreSQL's protocol has one conversation per connection, so a second query sent "
                "on a connection that is still busy is refused. Let each query take a connection of "
                "its own from the pool: `pool.fetchval(sql, *args)` acquires one, runs the query and "
                "releases it (or `async with pool.acquire() as connection:` inside a helper "
                "coroutine, one per query).",
                error=seen.error,
            )
        )
    if seen.stalled > 0.15:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while {call} ran. A synchronous "
                "driver (`psycopg.connect()` and `cursor.execute()` without `await`, or psycopg2) "
                "waits for the server inside `async def` and freezes every other coroutine, like "
                "`time.sleep()`. Use the asyncpg pool you are given: `await pool.fetchval(sql, "
                "*args)`.",
                ms=seen.stalled * 1000,
                call=CALL,
            )
        )


def test_run_all_is_async() -> None:
    """run_all is a coroutine function"""
    _run_all()


def test_results_in_order() -> None:
    """run_all returns one value per query, in the order of the queries, not the order they finished"""
    queries = [(SLOW, (0.25, 1)), (SLOW, (0.02, 2)), (SLOW, (0.12, 3)), ("SELECT $1::text || '!'", ("done",))]
    seen = _run(queries)
    expected = [1, 2, 3, "done!"]
    if seen.results != expected and list(seen.results or []) != expected:
        fail(
            _(
                "{call} returned {results!r}; expected {expected!r}: one value per query "
                "(`fetchval`), in the order of `queries`. `asyncio.gather(...)` keeps the order you "
                "passed, whatever order the queries finish in.",
                call=CALL,
                results=seen.results,
                expected=expected,
            )
        )


def test_queries_overlap_over_the_pool() -> None:
    """four 0.3 s queries run at the same time on four of the pool's connections"""
    seen = _run([(SLOW, (DELAY, number)) for number in range(COUNT)])
    if seen.outsiders:
        fail(
            ngettext(
                (
                    "The server saw {n} of your queries on connections that are not the pool's: you "
                    "opened a new connection per query (`asyncpg.connect()`). Each new connection costs "
                    "a TCP handshake, authentication and a new server process (a few milliseconds, and "
                    "PostgreSQL allows only max_connections of them): under load that is slower than the "
                    "query. Use the `pool` you are given: `await pool.fetchval(sql, *args)` borrows an "
                    "open connection and gives it back."
                ),
                (
                    "The server saw {n} of your queries on connections that are not the pool's: you "
                    "opened a new connection per query (`asyncpg.connect()`). Each new connection costs "
                    "a TCP handshake, authentication and a new server process (a few milliseconds, and "
                    "PostgreSQL allows only max_connections of them): under load that is slower than the "
                    "query. Use the `pool` you are given: `await pool.fetchval(sql, *args)` borrows an "
                    "open connection and gives it back."
                ),
                seen.outsiders,
            )
        )
    if seen.peak < COUNT:
        fail(
            _(
                "At most {peak} of your {count} pg_sleep queries were running on the server at once "
                "(the check watched pg_stat_activity from its own connection); all {count} should "
                "run together. Awaiting them one after another makes each wait for the last: {count} "
                "x {delay} s. Create them all first and await them together: `await "
                "asyncio.gather(*(pool.fetchval(sql, *args) for sql, args in queries))`.",
                peak=seen.peak,
                count=COUNT,
                delay=DELAY,
            )
        )
    if seen.elapsed > COUNT * DELAY * 0.75:
        fail(
            _(
                "{count} queries of {delay} s took {elapsed:.2f} s in all; running together they "
                "take about {delay} s. Something still waits for one query before starting the next.",
                count=COUNT,
                delay=DELAY,
                elapsed=seen.elapsed,
            )
        )
