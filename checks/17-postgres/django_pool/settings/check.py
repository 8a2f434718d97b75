"""Checks for lesson 17, exercise `django_pool/settings.py`: Django's psycopg 3 connection pool (5.1+) under a
real uvicorn server, watched from PostgreSQL's side: how many connections, how many queries at once, and
how many are left behind when the requests are over."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx

from tutor.checkkit import _, django_project, fail, ngettext, postgres_server, run_async, serve_django

MAX_SIZE = 4
REQUESTS = 8
SECONDS = 0.3


def _project() -> dict[str, Any]:
    """The project on the check's own PostgreSQL server; its default database settings."""
    from django.core.exceptions import ImproperlyConfigured

    postgres_server()  # first: PGHOST, PGPORT... for settings.py
    try:
        django_project()
    except ImproperlyConfigured as exc:
        if "persistent connections" in str(exc):
            fail(
                _(
                    'Django refused the settings: "{exc}" A pool hands connections out and takes '
                    "them back at the end of each request; CONN_MAX_AGE > 0 would have Django keep "
                    'them instead. With `"OPTIONS": {{"pool": ...}}` set `"CONN_MAX_AGE": 0` (or '
                    "leave it out: 0 is the default) and let the pool keep connections open.",
                    exc=exc,
                )
            )
        raise
    from django.conf import settings
    from django.db import connections

    connections.close_all()  # the migration's connection: back to the pool, or closed
    default: dict[str, Any] = settings.DATABASES["default"]
    if default.get("ENGINE") != "django.db.backends.postgresql":
        fail(
            _(
                "DATABASES['default'] uses {engine!r}; keep `django.db.backends.postgresql`.",
                engine=default.get("ENGINE"),
            )
        )
    return default


@dataclass
class Seen:
    statuses: list[int] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    peak_connections: int = 0  # the most connections the server had from the project at once
    peak_sleeping: int = 0  # the most report queries running at once
    left: int = 0  # connections still open 1 s after the last response
    elapsed: float = 0.0


def test_database_settings() -> None:
    """DATABASES['default'] asks for a psycopg 3 pool, with CONN_MAX_AGE = 0"""
    default = _project()
    if not default.get("OPTIONS", {}).get("pool"):
        fail(
            _(
                'DATABASES[\'default\'] has no connection pool: add `"OPTIONS": {"pool": {"min_size": '
                '2, "max_size": 4}}` (Django 5.1+, psycopg 3 with psycopg_pool). Without it each '
                "request opens a connection of its own to PostgreSQL, and a burst of requests opens "
                "as many as there are requests."
            )
        )


def test_requests_share_the_pool() -> None:
    """eight concurrent requests through uvicorn use at most 4 connections, 4 queries at a time, none left behind"""
    default = _project()
    seen = Seen()

    async def scenario(base: str) -> None:
        monitor = await asyncpg.connect()

        async def count() -> tuple[int, int]:
            row = await monitor.fetchrow(
                "SELECT count(*) AS connections, "
                "count(*) FILTER (WHERE state = 'active' AND query LIKE '%pg_sleep%') AS sleeping "
                "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
            )
            return int(row["connections"]), int(row["sleeping"])

        async def watch() -> None:
            while True:
                connections, sleeping = await count()
                seen.peak_connections = max(seen.peak_connections, connections)
                seen.peak_sleeping = max(seen.peak_sleeping, sleeping)
                await asyncio.sleep(0.02)

        try:
            async with httpx.AsyncClient(base_url=base, timeout=5, trust_env=False) as client:
                await client.get("/report/", params={"seconds": 0})  # warm up: the pool opens
                watcher = asyncio.create_task(watch())
                loop = asyncio.get_running_loop()
                started = loop.time()
                responses = await asyncio.gather(
                    *(client.get("/report/", params={"seconds": SECONDS}) for _request in range(REQUESTS))
                )
                seen.elapsed = loop.time() - started
                watcher.cancel()
                await asyncio.gather(watcher, return_exceptions=True)
            seen.statuses = [response.status_code for response in responses]
            seen.bodies = [response.text[:300] for response in responses]
            deadline = loop.time() + 1.0
            seen.left = (await count())[0]
            while seen.left > MAX_SIZE and loop.time() < deadline:
                await asyncio.sleep(0.05)
                seen.left = (await count())[0]
        finally:
            await monitor.close()

    with serve_django() as base:
        run_async(
            scenario(base),
            within=8,
            what=_(
                "{requests} requests at once to GET /report/",
                requests=REQUESTS,
            ),
        )
    _judge(seen, default)


def _judge(seen: Seen, default: dict[str, Any]) -> None:
    bad = [(status, body) for status, body in zip(seen.statuses, seen.bodies, strict=True) if status != 200]
    if bad:
        fail(
            _(
                "GET /report/ answered {status}; expected 200. Body: {body!r}",
                status=bad[0][0],
                body=bad[0][1],
            )
        )
    pool = default.get("OPTIONS", {}).get("pool")
    if seen.left > MAX_SIZE:
        fail(
            ngettext(
                (
                    "A second after the last of {requests} requests, the server still had {n} "
                    "connections from the project: one left behind per request. With CONN_MAX_AGE = "
                    "{conn_max_age} Django keeps each connection open for reuse by the same thread, but "
                    "under ASGI every request's sync code runs in a thread of its own that is thrown "
                    "away afterwards, so nothing ever reuses or closes them until PostgreSQL runs out "
                    '(max_connections). Use the pool instead: `"CONN_MAX_AGE": 0` and `"OPTIONS": '
                    '{{"pool": {{"min_size": 2, "max_size": 4}}}}`.'
                ),
                (
                    "A second after the last of {requests} requests, the server still had {n} "
                    "connections from the project: one left behind per request. With CONN_MAX_AGE = "
                    "{conn_max_age} Django keeps each connection open for reuse by the same thread, but "
                    "under ASGI every request's sync code runs in a thread of its own that is thrown "
                    "away afterwards, so nothing ever reuses or closes them until PostgreSQL runs out "
                    '(max_connections). Use the pool instead: `"CONN_MAX_AGE": 0` and `"OPTIONS": '
                    '{{"pool": {{"min_size": 2, "max_size": 4}}}}`.'
                ),
                seen.left,
                requests=REQUESTS,
                conn_max_age=default.get("CONN_MAX_AGE"),
            )
        )
    if seen.peak_connections > MAX_SIZE and not pool:
        fail(
            ngettext(
                (
                    "{requests} requests at once opened {n} connections to PostgreSQL: with no "
                    "connection pool each request opens its own (and closes it at the end), so a burst "
                    'of 500 requests would ask for 500 server processes. Add `"OPTIONS": {{"pool": '
                    '{{"min_size": 2, "max_size": 4}}}}`: requests beyond the fourth then wait for a '
                    "free connection."
                ),
                (
                    "{requests} requests at once opened {n} connections to PostgreSQL: with no "
                    "connection pool each request opens its own (and closes it at the end), so a burst "
                    'of 500 requests would ask for 500 server processes. Add `"OPTIONS": {{"pool": '
                    '{{"min_size": 2, "max_size": 4}}}}`: requests beyond the fourth then wait for a '
                    "free connection."
                ),
                seen.peak_connections,
                requests=REQUESTS,
            )
        )
    if seen.peak_connections > MAX_SIZE:
        fail(
            ngettext(
                (
                    "{requests} requests at once used {n} connections; the exercise allows {max_size}. "
                    "The pool's `max_size` is the most connections one server process holds: set "
                    '`"max_size": 4` (with several worker processes, each has its own pool: workers x '
                    "max_size must stay under PostgreSQL's max_connections)."
                ),
                (
                    "{requests} requests at once used {n} connections; the exercise allows {max_size}. "
                    "The pool's `max_size` is the most connections one server process holds: set "
                    '`"max_size": 4` (with several worker processes, each has its own pool: workers x '
                    "max_size must stay under PostgreSQL's max_connections)."
                ),
                seen.peak_connections,
                requests=REQUESTS,
                max_size=MAX_SIZE,
            )
        )
    if seen.peak_sleeping < MAX_SIZE:
        fail(
            ngettext(
                (
                    "At most {n} report queries ran at once, so the requests waited in line for a "
                    "connection: a pool of {n} lets only that many queries run together. Let it grow to "
                    'four: `"max_size": 4`.'
                ),
                (
                    "At most {n} report queries ran at once, so the requests waited in line for a "
                    "connection: a pool of {n} lets only that many queries run together. Let it grow to "
                    'four: `"max_size": 4`.'
                ),
                seen.peak_sleeping,
            )
        )
    if seen.elapsed > REQUESTS / MAX_SIZE * SECONDS + 1.2:
        fail(
            _(
                "{requests} requests of {seconds} s with four connections took {elapsed:.2f} s; "
                "about {expected:.1f} s was expected. Is the pool's `timeout` or a setting delaying "
                "connections?",
                requests=REQUESTS,
                seconds=SECONDS,
                elapsed=seen.elapsed,
                expected=REQUESTS / MAX_SIZE * SECONDS,
            )
        )
