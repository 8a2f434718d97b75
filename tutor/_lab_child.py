"""Runs learner code for `tutor lab` in a process of its own: `python -m tutor._lab_child KIND`, with the
job as JSON on stdin and the figures as JSON on stdout."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any


def _load(path: str) -> Any:
    spec = importlib.util.spec_from_file_location(Path(path).stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def upstreams(job: dict[str, Any]) -> dict[str, Any]:
    """Time `count` GETs one at a time, then through the learner's `fetch_all(client, paths, limit)`."""
    fetch_all = _load(job["module"]).fetch_all
    paths = [f"/async-wait/?ms={job['ms']}&item={i}" for i in range(job["count"])]

    async def one_at_a_time(client: Any) -> None:
        for path in paths:
            (await client.get(path)).raise_for_status()

    async def learners(client: Any) -> None:
        await fetch_all(client, paths, job["limit"])

    return {
        "sequential": await _timed(job["base"], paths[0], one_at_a_time),
        "concurrent": await _timed(job["base"], paths[0], learners),
    }


async def _timed(base: str, warm_up: str, work: Callable[[Any], Awaitable[None]]) -> dict[str, Any]:
    """Run `work(client)` with a client whose hooks time every request and count those in flight."""
    import httpx

    begun: dict[int, float] = {}
    latencies: list[float] = []
    finished: list[float] = []
    in_flight = peak = 0
    started = time.perf_counter()

    async def on_request(request: httpx.Request) -> None:
        nonlocal in_flight, peak
        begun[id(request)] = time.perf_counter()
        in_flight += 1
        peak = max(peak, in_flight)

    async def on_response(response: httpx.Response) -> None:
        nonlocal in_flight
        in_flight -= 1
        now = time.perf_counter()
        latencies.append(now - begun.pop(id(response.request), now))
        finished.append(now - started)

    hooks: dict[str, list[Callable[..., Any]]] = {"request": [on_request], "response": [on_response]}
    async with httpx.AsyncClient(base_url=base, event_hooks=hooks, timeout=30) as client:
        await client.get(warm_up)  # the connection and the server's first request stay out of the figures
        latencies.clear()
        finished.clear()
        peak = 0
        started = time.perf_counter()
        await work(client)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "latencies": latencies, "finished_at": finished, "peak": peak}


def main() -> int:
    kind = sys.argv[1]
    job = json.loads(sys.stdin.read())
    runners = {"upstreams": upstreams}
    figures = asyncio.run(runners[kind](job))
    sys.stdout.write(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
