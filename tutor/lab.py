"""`tutor lab`: live experiments that measure, on real servers on 127.0.0.1, what the lessons claim.

Each experiment starts real servers (uvicorn, Daphne, gunicorn) as child processes in their own
process groups, sends a bounded number of requests from a concurrent httpx client, stops every
server (also on Ctrl-C or an error), and returns typed figures. Nothing here touches the terminal:
the renderer draws the results, the CLI saves them under the workspace.

Where the learner has solved the matching exercise, the experiment runs their code; otherwise the
reference solution; experiments about servers use the lab's own demo app (`tutor/lab_app`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from tutor.i18n import _
from tutor.loopback import LOOPBACK, free_port

SERVER_START_LIMIT = 20.0  # seconds for a server to accept connections
REQUEST_TIMEOUT = 30.0  # one request, however long the queue in front of it
LEVEL_LIMIT = 45.0  # seconds for one load level; requests not sent by then are not sent

# (label, done, total): how far the current load level is.
Progress = Callable[[str, int, int], None]


class LabError(Exception):
    """An experiment could not run (a server did not start, the learner's code crashed)."""


# --- figures --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measurement:
    """One load level against one setup: what was sent and what came back, in seconds."""

    label: str
    clients: int
    sent: int
    errors: int
    seconds: float
    latencies: tuple[float, ...] = ()
    finished_at: tuple[float, ...] = ()  # when each request finished, from the level's start
    app_ms: tuple[float, ...] = ()  # the app's own time per request (from a Server-Timing header), if any
    peak_in_flight: int = 0

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Successful requests per second over the whole level."""
        return self.ok / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, share: float) -> float:
        return _percentile(self.latencies, share)

    def spans(self, count: int) -> list[tuple[float, float]]:
        """(start, end) of the first `count` requests to finish, from the level's start, in start order."""
        pairs = [(end - took, end) for took, end in zip(self.latencies, self.finished_at, strict=False)]
        return sorted(pairs)[:count]


def _percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True, slots=True)
class LabResult:
    """An experiment's run: its figures and the sentence they support."""

    name: str
    title: str
    claim: str
    code: str  # whose code ran: the learner's, the reference solution, or the lab's demo app
    measurements: tuple[Measurement, ...]
    verdict: str
    quick: bool
    started: str
    machine: dict[str, str] = field(default_factory=dict)
    timeline: bool = False  # draw when the first requests ran: it shows waiting one by one vs together

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for measured, raw in zip(self.measurements, data["measurements"], strict=True):
            raw.update(
                ok=measured.ok,
                requests_per_second=round(measured.throughput, 1),
                p50_ms=round(measured.percentile(0.5) * 1000, 1),
                p95_ms=round(measured.percentile(0.95) * 1000, 1),
                max_ms=round(max(measured.latencies, default=0) * 1000, 1),
            )
            for key in ("latencies", "finished_at", "app_ms"):
                raw.pop(key)
        return data


def machine() -> dict[str, str]:
    import django
    import uvicorn

    return {
        "cpus": str(os.cpu_count() or 1),
        "python": platform.python_version(),
        "django": django.__version__,
        "uvicorn": uvicorn.__version__,
    }


# --- servers ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Server:
    """How to serve an app: `kind` is uvicorn, daphne or gunicorn (threads); `app` is module:attribute,
    importable from `folder` (which goes on PYTHONPATH and is the working folder)."""

    kind: str
    app: str
    folder: Path | None = None
    settings: str | None = None  # DJANGO_SETTINGS_MODULE, when the app's own default is not wanted
    threads: int = 4  # gunicorn only

    def describe(self) -> str:
        return _("gunicorn, {n} threads", n=self.threads) if self.kind == "gunicorn" else self.kind

    def command(self, port: int) -> list[str]:
        python = sys.executable
        if self.kind == "uvicorn":
            return [python, "-m", "uvicorn", self.app, "--host", LOOPBACK, "--port", str(port), "--lifespan", "off",
                    "--no-access-log", "--log-level", "warning", "--timeout-graceful-shutdown", "1"]  # fmt: skip
        if self.kind == "daphne":
            return [python, "-m", "daphne", "-b", LOOPBACK, "-p", str(port), "-v", "0", self.app]
        if self.kind == "gunicorn":
            import gunicorn  # type: ignore[import-untyped]

            extra = ["--no-control-socket"] if gunicorn.version_info >= (24,) else []  # it writes to ~ otherwise
            bind = f"{LOOPBACK}:{port}"
            return [python, "-m", "gunicorn", "--workers", "1", "--worker-class", "gthread", "--threads",
                    str(self.threads), "--bind", bind, "--log-level", "warning", *extra, self.app]  # fmt: skip
        raise ValueError(f"unknown server kind {self.kind!r}")


@contextlib.contextmanager
def running(server: Server) -> Iterator[str]:
    """Start `server` on a free loopback port in its own process group; yield its base URL; always stop it."""
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1")
    if server.folder is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(server.folder), env.get("PYTHONPATH")]))
    if server.settings is not None:
        env["DJANGO_SETTINGS_MODULE"] = server.settings
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        server.command(port),
        cwd=server.folder or Path.cwd(),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_START_LIMIT
        while True:
            if process.poll() is not None:
                raise LabError(
                    _(
                        "{server} stopped before serving (exit code {code}):\n{log}",
                        server=server.describe(),
                        code=process.returncode,
                        log=_tail(log),
                    )
                )
            try:
                socket.create_connection((LOOPBACK, port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise LabError(
                        _(
                            "{server} did not start within {limit:g} s:\n{log}",
                            server=server.describe(),
                            limit=SERVER_START_LIMIT,
                            log=_tail(log),
                        )
                    ) from None
                time.sleep(0.05)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        stop_group(process)
        log.close()


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Ask the server's whole group to stop (SIGTERM), then kill what is left after 3 s."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=3)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def _tail(log: Any) -> str:
    log.seek(0)
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return "\n".join(lines[-8:])


# --- load -------------------------------------------------------------------------------------------


def measure(
    label: str, url: str, *, clients: int, requests: int, progress: Progress | None = None, warm_up: bool = True
) -> Measurement:
    """Send `requests` GETs to `url` from `clients` concurrent connections (each sends its next request as
    soon as its last one is answered); stop sending after LEVEL_LIMIT seconds."""
    return asyncio.run(_measure(label, url, clients, requests, progress, warm_up))


async def _measure(
    label: str, url: str, clients: int, requests: int, progress: Progress | None, warm_up: bool
) -> Measurement:
    # The load comes from aiohttp, not httpx: at 200 connections httpx's pool, not the server, was the
    # limit (74 requests/s against 1154 with aiohttp, same server; encode/httpx issue 3215).
    import aiohttp

    connector = aiohttp.TCPConnector(limit=clients, limit_per_host=clients)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def get() -> tuple[int, str]:
            async with session.get(url) as response:
                await response.read()
                return response.status, response.headers.get("Server-Timing", "")

        if warm_up:  # first requests pay for imports, URL loading and new connections: keep them out
            await asyncio.gather(*(get() for _warm in range(min(clients, 50))), return_exceptions=True)
        latencies: list[float] = []
        finished: list[float] = []
        app_ms: list[float] = []
        errors = 0
        sent = 0
        in_flight = 0
        peak = 0
        started = time.perf_counter()
        stop_sending = started + LEVEL_LIMIT
        level = _("{label}, {n} clients", label=label, n=clients)

        async def one_client() -> None:
            nonlocal sent, errors, in_flight, peak
            while sent < requests and time.perf_counter() < stop_sending:
                sent += 1
                in_flight += 1
                peak = max(peak, in_flight)
                begun = time.perf_counter()
                try:
                    status, timing = await get()
                    ok = status < 400
                except (aiohttp.ClientError, TimeoutError):
                    ok, timing = False, ""
                in_flight -= 1
                now = time.perf_counter()
                if ok:
                    latencies.append(now - begun)
                    finished.append(now - started)
                    app = _server_timing_ms(timing)
                    if app is not None:
                        app_ms.append(app)
                else:
                    errors += 1
                if progress is not None:
                    progress(level, len(latencies) + errors, requests)

        await asyncio.gather(*(one_client() for _client in range(clients)))
        seconds = time.perf_counter() - started
    return Measurement(label, clients, sent, errors, seconds, tuple(latencies), tuple(finished), tuple(app_ms), peak)


def _server_timing_ms(header: str) -> float | None:
    """The first `dur=` of a Server-Timing header ("app;dur=1.2"), in ms."""
    for part in header.split(";"):
        name, _sep, value = part.strip().partition("=")
        if name == "dur":
            with contextlib.suppress(ValueError):
                return float(value)
    return None


# --- whose code runs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeSource:
    """Where an experiment takes an exercise's files from, said in words for the report."""

    files: dict[str, Path]  # exercise-relative path -> file to copy
    description: str

    @property
    def is_reference(self) -> bool:
        """Whether this is the course's reference solution: its main file (the first) sits under a
        `solutions/` folder, the learner's under the workspace's `exercises/`. Said by the paths, not by
        the description, which is in the learner's language."""
        relative, source = next(iter(self.files.items()))
        return source.parents[len(PurePosixPath(relative).parts) - 1].name == "solutions"

    def copy_to(self, folder: Path) -> None:
        for relative, source in self.files.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


# exercise id -> CodeSource (the learner's solved files, or the reference solution)
SourceFinder = Callable[[str], CodeSource]


# --- experiments -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Experiment:
    name: str
    title: str
    claim: str
    lesson: str  # where the claim is made, e.g. "6.1"
    run: Callable[[LabContext], LabResult]


@dataclass(frozen=True, slots=True)
class LabContext:
    quick: bool
    sources: SourceFinder
    progress: Progress | None = None

    def pick(self, full: Any, quick: Any) -> Any:
        return quick if self.quick else full


def _result(
    context: LabContext,
    experiment: str,
    code: str,
    measurements: Sequence[Measurement],
    verdict: str,
    started: str,
    *,
    timeline: bool = False,
) -> LabResult:
    found = EXPERIMENTS[experiment]
    return LabResult(
        found.name,
        found.title,
        found.claim,
        code,
        tuple(measurements),
        verdict,
        context.quick,
        started,
        machine(),
        timeline,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ratio(a: float, b: float) -> float:
    return a / b if b > 0 else float("inf")


LAB_APP = Server("uvicorn", "tutor.lab_app.asgi:application")


def run_upstreams(context: LabContext) -> LabResult:
    """Sequential vs concurrent calls to a slow upstream, through the learner's `fetch_all` (6.1)."""
    started = _now()
    count, limit, wait_ms = context.pick((30, 10, 100), (10, 5, 50))
    source = context.sources("fetch-many")
    with tempfile.TemporaryDirectory(prefix="tutor-lab-") as scratch, running(LAB_APP) as base:
        source.copy_to(Path(scratch))
        module = Path(scratch) / next(iter(source.files))
        job = {"module": str(module), "base": base, "count": count, "limit": limit, "ms": wait_ms}
        figures = _run_child("upstreams", job, limit=60)
    measurements = []
    for key, label in (("sequential", _("one at a time: `await` in a loop")),
                       ("concurrent", _("fetch_all(limit={limit}): yours", limit=limit))):  # fmt: skip
        part = figures[key]
        measurements.append(
            Measurement(
                label,
                1 if key == "sequential" else limit,
                count,
                0,
                part["seconds"],
                tuple(part["latencies"]),
                tuple(part["finished_at"]),
                peak_in_flight=part["peak"],
            )
        )
    if source.is_reference:
        measurements[1] = _relabel(measurements[1], _("fetch_all(limit={limit}): reference", limit=limit))
    sequential, concurrent = measurements
    verdict = _(
        "{count} calls of {ms} ms: {seq:.2f} s one at a time, {conc:.2f} s with up to {peak} in flight: "
        "{times:.1f}x faster.",
        count=count,
        ms=wait_ms,
        seq=sequential.seconds,
        conc=concurrent.seconds,
        peak=concurrent.peak_in_flight,
        times=_ratio(sequential.seconds, concurrent.seconds),
    )
    return _result(context, "upstreams", source.description, measurements, verdict, started, timeline=True)


def _relabel(measured: Measurement, label: str) -> Measurement:
    return dataclasses.replace(measured, label=label)


def run_servers(context: LabContext) -> LabResult:
    """A view that waits 100 ms on I/O: sync under WSGI threads, sync under ASGI, async under ASGI."""
    started = _now()
    levels = context.pick((10, 50, 200), (10, 200))
    per_client = context.pick(3, 1)
    setups = [
        (Server("gunicorn", "tutor.lab_app.wsgi:application", threads=4), "/sync-wait/", _("sync view")),
        (LAB_APP, "/sync-wait/", _("sync view")),
        (LAB_APP, "/async-wait/", _("async view")),
    ]
    measurements = []
    for server, path, view in setups:
        with running(server) as base:
            for clients in levels:
                label = f"{server.describe()}, {view}"
                measurements.append(
                    measure(
                        label, base + path, clients=clients, requests=clients * per_client, progress=context.progress
                    )
                )
    top = levels[-1]
    at_top = [m for m in measurements if m.clients == top]
    wsgi, sync_asgi, async_view = at_top
    verdict = _(
        "At {clients} clients: the async view served {fast:.0f} requests/s, {times:.1f}x the {slow:.0f} of "
        "gunicorn's 4 threads, which wait on 4 requests at a time; the sync view under uvicorn served {mid:.0f} "
        "(Django gives each request a thread of its own).",
        clients=top,
        fast=async_view.throughput,
        slow=wsgi.throughput,
        mid=sync_asgi.throughput,
        times=_ratio(async_view.throughput, wsgi.throughput),
    )
    return _result(context, "servers", _("the lab's demo app (tutor/lab_app)"), measurements, verdict, started)


def run_blocking(context: LabContext) -> LabResult:
    """`time.sleep` inside an async view vs the same call moved to a thread, vs an awaited sleep."""
    started = _now()
    clients, requests, wait_ms = context.pick((20, 60, 100), (10, 20, 50))
    measurements = []
    with running(LAB_APP) as base:
        for path, label in (
            ("/async-blocking/", _("time.sleep inside async def")),
            ("/async-thread/", _("the same call in a thread (sync_to_async)")),
            ("/async-wait/", _("await asyncio.sleep")),
        ):
            url = f"{base}{path}?ms={wait_ms}"
            measurements.append(measure(label, url, clients=clients, requests=requests, progress=context.progress))
    blocking, threaded, _awaited = measurements
    verdict = _(
        "{clients} clients, {ms} ms of waiting per request: the blocking view served {slow:.0f} requests/s (one "
        "at a time: the whole server stops while it sleeps), the threaded one {fast:.0f}: {times:.1f}x. Threads "
        "help only as far as the pool goes: the loop's default executor has min(32, CPUs + 4) = {pool} threads "
        "here, so at most {pool} of those calls wait at once; awaiting needs no thread at all.",
        clients=clients,
        ms=wait_ms,
        slow=blocking.throughput,
        fast=threaded.throughput,
        times=_ratio(threaded.throughput, blocking.throughput),
        pool=min(32, (os.cpu_count() or 1) + 4),
    )
    demo = _("the lab's demo app (tutor/lab_app)")
    return _result(context, "blocking", demo, measurements, verdict, started, timeline=True)


def run_middleware(context: LabContext) -> LabResult:
    """The learner's timing middleware (12.1) in an all-async chain, then with one sync-only middleware added:
    one client at a time (the app's own time per request, from the middleware's Server-Timing header), then
    many (throughput)."""
    started = _now()
    alone, crowd = context.pick((300, 2000), (100, 300))
    clients = context.pick(20, 10)
    source = context.sources("timing-middleware")
    measurements = []
    with tempfile.TemporaryDirectory(prefix="tutor-lab-") as scratch:
        source.copy_to(Path(scratch))
        project = _project_root(Path(scratch), next(iter(source.files)))
        for settings, label in (
            ("settings", _("async chain (your middleware)")),
            ("tutor.lab_app.with_sync_middleware", _("+ one sync-only middleware")),
        ):
            server = Server("uvicorn", "asgi:application", folder=project, settings=settings)
            with running(server) as base:
                url = f"{base}/slow/?ms=0"
                measurements.append(measure(label, url, clients=1, requests=alone, progress=context.progress))
                measurements.append(measure(label, url, clients=clients, requests=crowd, progress=context.progress))
    if source.is_reference:
        for index in (0, 1):
            measurements[index] = _relabel(measurements[index], _("async chain (reference middleware)"))
    chain_alone, chain_crowd, hop_alone, hop_crowd = measurements
    verdict = _(
        "One request at a time, the app took {fast_ms:.2f} ms per request with the async chain and {slow_ms:.2f} ms "
        "with one sync-only middleware (the Server-Timing your middleware measured): every request now hops to "
        "a worker thread and back. At {clients} clients: {fast:.0f} -> {slow:.0f} requests/s.",
        fast_ms=_median(chain_alone.app_ms),
        slow_ms=_median(hop_alone.app_ms),
        clients=clients,
        fast=chain_crowd.throughput,
        slow=hop_crowd.throughput,
    )
    return _result(context, "middleware", source.description, measurements, verdict, started)


def _median(values: Sequence[float]) -> float:
    return _percentile(values, 0.5)


def run_daphne(context: LabContext) -> LabResult:
    """uvicorn and Daphne serving the same Django project (the learner's asgi-entry, 9.3)."""
    started = _now()
    clients, requests = context.pick((50, 2000), (10, 300))
    source = context.sources("asgi-entry")
    measurements = []
    with tempfile.TemporaryDirectory(prefix="tutor-lab-") as scratch:
        source.copy_to(Path(scratch))
        project = _project_root(Path(scratch), next(iter(source.files)))
        for kind in ("uvicorn", "daphne"):
            with running(Server(kind, "asgi:application", folder=project)) as base:
                measurements.append(
                    measure(kind, f"{base}/", clients=clients, requests=requests, progress=context.progress)
                )
    uvicorn_run, daphne_run = measurements
    verdict = _(
        "Same app, same {clients} clients: uvicorn {u:.0f} requests/s (p50 {up:.1f} ms), Daphne {d:.0f} "
        "requests/s (p50 {dp:.1f} ms).",
        clients=clients,
        u=uvicorn_run.throughput,
        up=uvicorn_run.percentile(0.5) * 1000,
        d=daphne_run.throughput,
        dp=daphne_run.percentile(0.5) * 1000,
    )
    return _result(context, "daphne", source.description, measurements, verdict, started)


def _project_root(folder: Path, main_file: str) -> Path:
    """The folder holding manage.py at or above the main file (the Django project)."""
    path = (folder / main_file).parent
    while path != folder and not (path / "manage.py").is_file():
        path = path.parent
    return path


def _run_child(kind: str, job: dict[str, Any], *, limit: float) -> dict[str, Any]:
    """Run learner code in a child process (never in the tutor's own): `python -m tutor._lab_child`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor._lab_child", kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    try:
        out, err = process.communicate(json.dumps(job).encode(), timeout=limit)
    except subprocess.TimeoutExpired:
        raise LabError(_("The code under test did not finish within {limit:g} s.", limit=limit)) from None
    finally:
        stop_group(process)
    if process.returncode != 0:
        text = err.decode("utf-8", "replace").strip().splitlines()
        raise LabError(_("The code under test failed:\n{error}", error="\n".join(text[-8:])))
    figures: dict[str, Any] = json.loads(out)
    return figures


EXPERIMENTS: dict[str, Experiment] = {
    e.name: e
    for e in (
        Experiment(
            "upstreams",
            _("Sequential vs concurrent upstream calls"),
            _("Waiting on many slow calls at once takes about as long as the slowest one, not their sum."),
            "6.1",
            run_upstreams,
        ),
        Experiment(
            "servers",
            _("WSGI threads vs ASGI, sync vs async views, as clients grow"),
            _("An async view holds many slow requests at once where a thread pool saturates."),
            "9.1",
            run_servers,
        ),
        Experiment(
            "blocking",
            _("A blocking call inside an async view, and the same call in a thread"),
            _("One blocking call in async code stalls the whole server; moving it to a thread frees the loop."),
            "5.1",
            run_blocking,
        ),
        Experiment(
            "middleware",
            _("An async middleware chain vs one sync middleware in it"),
            _("A sync-only middleware in an async stack costs a thread switch per request."),
            "12.1",
            run_middleware,
        ),
        Experiment(
            "daphne",
            _("uvicorn vs Daphne on the same Django app"),
            _("Both servers run the same ASGI app; their speed and overhead differ."),
            "9.3",
            run_daphne,
        ),
    )
}


def run(name: str, *, quick: bool, sources: SourceFinder, progress: Progress | None = None) -> LabResult:
    return EXPERIMENTS[name].run(LabContext(quick, sources, progress))


# --- results kept in the workspace -------------------------------------------------------------------


def save(result: LabResult, folder: Path) -> Path:
    """Append the run to `<folder>/<name>.jsonl` (one JSON document per line, newest last)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result.name}.jsonl"
    with open(path, "a", encoding="utf-8") as history:
        history.write(json.dumps(result.to_json()) + "\n")
    return path


def previous(name: str, folder: Path) -> dict[str, Any] | None:
    """The last saved run of `name` (a full run), or None; unreadable lines are skipped."""
    path = folder / f"{name}.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        with contextlib.suppress(ValueError):
            data = json.loads(line)
            if isinstance(data, dict) and "verdict" in data:
                return data
    return None
