"""Checks for lesson 6, exercise `one_client.py`: one pooled client with a timeout and limits, closed at the end."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import (
    InFlight,
    LoopHeartbeat,
    Stopwatch,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    reject_coroutine,
    run_async,
    serve_asgi,
)

TEMPERATURES = {"oslo": 3.5, "lima": 18.25, "cairo": 27.0, "nuuk": -4.5, "quito": 14.0, "perth": 22.5}
SLOW = {"slowtown": 0.25, "busyville": 0.08}  # seconds before the answer
HANGING = "hangville"  # never answers; the request must time out
HANG_CAP = 3.0  # the fake server gives up on a hanging request after this long anyway
TEMPERATURES.update({"slowtown": 12.0, "busyville": 9.5})


def _loop_bound() -> str:
    return _(
        "Create the client inside the service (in `__init__`), not once at module level. A client's "
        "connections belong to the event loop that opened them, and every `asyncio.run()` (every test, every "
        "script run) brings a new loop: a client shared between loops fails with 'Event loop is closed', and "
        "one closed by an earlier service cannot send again."
    )


class WeatherUpstream:
    """The fake weather API, served by uvicorn: it counts TCP connections and requests in flight."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.connections: set[tuple[str, int]] = set()
        self.in_flight = InFlight()
        self.requests = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        self.requests += 1
        host, port = scope["client"]
        self.connections.add((host, port))  # one (host, port) per TCP connection
        city = scope["path"].removeprefix("/weather/")
        async with self.in_flight:
            if city == HANGING:
                await _until_disconnected(receive)
            else:
                await asyncio.sleep(SLOW.get(city, 0.0))
        if city in TEMPERATURES:
            status, body = 200, {"city": city, "temp": TEMPERATURES[city]}
        else:
            status, body = 404, {"detail": f"unknown city {city!r}"}
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
        )
        await send({"type": "http.response.body", "body": json.dumps(body).encode()})


async def _until_disconnected(receive: Any) -> None:
    """Wait until the client gives up and closes the connection (or HANG_CAP seconds)."""
    try:
        async with asyncio.timeout(HANG_CAP):
            while (await receive())["type"] != "http.disconnect":
                pass
    except TimeoutError:
        pass


UPSTREAM = WeatherUpstream()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """One local server for the whole check file, always stopped at the end."""
    with serve_asgi(UPSTREAM) as url:
        yield url


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    UPSTREAM.reset()


@pytest.fixture(autouse=True)
def local_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Real requests may only go to the check's own server on 127.0.0.1: never to the internet."""
    async_send = httpx.AsyncHTTPTransport.handle_async_request
    sync_send = httpx.HTTPTransport.handle_request

    async def guarded_async(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        _refuse_remote(request)
        return await async_send(self, request)

    def guarded_sync(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        _refuse_remote(request)
        return sync_send(self, request)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", guarded_async)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", guarded_sync)
    yield


def _refuse_remote(request: httpx.Request) -> None:
    if request.url.host == "127.0.0.1":
        return
    if request.url.host == "weather.test":
        fail(
            _(
                "`WeatherService` was given a `transport` but sent its request to the real network anyway. Pass it "
                "on: `httpx.AsyncClient(..., transport=transport)` (httpx uses its own when it is None)."
            )
        )
    fail(
        _(
            "Your code sent a request to {url}; send every request to the `base_url` the service was given.",
            url=request.url,
        )
    )


def _service_class() -> type[Any]:
    cls = getattr(load_exercise(), "WeatherService", None)
    if cls is None:
        fail(_("Your file has no `WeatherService` class. Keep the class name: the check creates a `WeatherService`."))
    if not inspect.isclass(cls):
        fail(_("`WeatherService` should be a class, but it is a {kind}.", kind=type(cls).__name__))
    for name in ("temperature", "aclose"):
        method = getattr(cls, name, None)
        if method is None:
            fail(_("`WeatherService` has no `{name}` method any more. Keep it: the check calls it.", name=name))
        if not inspect.iscoroutinefunction(method):
            fail(
                _(
                    "`WeatherService.{name}` must be a coroutine function: define it with `async def {name}(...)`.",
                    name=name,
                )
            )
    return cls


def _run(main: Callable[[], Awaitable[Any]], *, within: float = 4.0) -> Any:
    """Run a scenario on a fresh event loop; turn the classic loop-bound client failures into lessons."""
    try:
        with no_unawaited_coroutines():
            return run_async(main, within=within, what=_("Your `WeatherService`"))
    except RuntimeError as exc:
        text = str(exc)
        if "Event loop is closed" in text or "client has been closed" in text:
            fail(_("{advice} (httpx said: {text})", advice=_loop_bound(), text=text))
        raise
    except AttributeError as exc:
        if "'coroutine' object" in str(exc):
            fail(
                _(
                    "Your code used a coroutine object as if it were a response ({error}). Calls such as "
                    "`self._client.get(...)` run only when awaited: did you forget `await`?",
                    error=exc,
                )
            )
        raise


def _temperature_value(value: Any, city: str) -> float:
    reject_coroutine(value, f'`await service.temperature("{city}")`')
    expected = TEMPERATURES[city]
    if isinstance(value, httpx.Response):
        fail(
            _(
                '`temperature("{city}")` returned the response itself ({value!r}); return the number in its JSON: '
                '`response.json()["temp"]`.',
                city=city,
                value=value,
            )
        )
    if isinstance(value, dict):
        fail(
            _(
                '`temperature("{city}")` returned the whole JSON {value!r}; return only its "temp" field.',
                city=city,
                value=value,
            )
        )
    assert value == expected, _(
        '`temperature("{city}")` returned {value!r}; the API says {expected} for {city}.',
        city=city,
        value=value,
        expected=expected,
    )
    return value


def test_weather_service_shape() -> None:
    """WeatherService has async `temperature` and `aclose` methods"""
    _service_class()


def test_temperature_reads_the_json(base_url: str) -> None:
    """temperature("oslo") returns the "temp" field of /weather/oslo"""
    cls = _service_class()

    async def main() -> tuple[Any, Any]:
        async with cls(base_url) as service:
            return await service.temperature("oslo"), await service.temperature("nuuk")

    oslo, nuuk = _run(main)
    _temperature_value(oslo, "oslo")
    _temperature_value(nuuk, "nuuk")


def test_unknown_city_raises(base_url: str) -> None:
    """an unknown city (404) raises httpx.HTTPStatusError"""
    cls = _service_class()

    async def main() -> Any:
        async with cls(base_url) as service:
            return await service.temperature("atlantis")

    try:
        value = _run(main)
    except httpx.HTTPStatusError as exc:
        assert exc.response.status_code == 404, _("Expected the 404 error, got {error!r}.", error=exc)
        return
    except (KeyError, TypeError, ValueError) as exc:
        fail(
            _(
                'For an unknown city the API answers 404 with {{"detail": ...}}, and your code went on to read '
                "the JSON as if it were a forecast ({kind}: {error}). Call "
                "`response.raise_for_status()` first: it raises `httpx.HTTPStatusError` for any 4xx or 5xx.",
                kind=type(exc).__name__,
                error=exc,
            )
        )
    fail(
        _(
            '`temperature("atlantis")` returned {value!r} although the API answered 404 Not Found. Call '
            "`response.raise_for_status()` so an error status raises `httpx.HTTPStatusError`.",
            value=value,
        )
    )


def test_transport_is_passed_on() -> None:
    """a `transport` given to WeatherService is the one its client uses"""
    cls = _service_class()
    seen: list[str] = []

    async def fake_api(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={"city": "oslo", "temp": 3.5})

    async def main() -> Any:
        async with cls("http://weather.test", transport=httpx.MockTransport(fake_api)) as service:
            return await service.temperature("oslo")

    _temperature_value(_run(main), "oslo")
    assert seen == ["http://weather.test/weather/oslo"], _(
        "The fake transport saw {seen}; `temperature('oslo')` should GET http://weather.test/weather/oslo "
        "(pass `base_url=base_url` to the client and request `/weather/{{city}}`).",
        seen=seen,
    )


def test_one_connection_for_many_calls(base_url: str) -> None:
    """four calls in a row reuse one connection (one client, one pool)"""
    cls = _service_class()
    cities = ["oslo", "lima", "cairo", "quito"]

    async def main() -> list[Any]:
        async with cls(base_url) as service:
            return [await service.temperature(city) for city in cities]

    values = _run(main)
    for city, value in zip(cities, values, strict=True):
        _temperature_value(value, city)
    opened = len(UPSTREAM.connections)
    if opened >= len(cities):
        fail(
            ngettext(
                "{n} call opened {opened} TCP connections: your service makes a new "
                "`httpx.AsyncClient` for every call, so each call pays for a new connection (and, over HTTPS, a "
                "new TLS handshake) and a new client setup. Create ONE client in `__init__`, keep it as "
                "`self._client`, and use it in `temperature`: its pool keeps the connection open between calls.",
                "{n} calls opened {opened} TCP connections: your service makes a new "
                "`httpx.AsyncClient` for every call, so each call pays for a new connection (and, over HTTPS, a "
                "new TLS handshake) and a new client setup. Create ONE client in `__init__`, keep it as "
                "`self._client`, and use it in `temperature`: its pool keeps the connection open between calls.",
                len(cities),
                opened=opened,
            )
        )
    if opened > 1:
        fail(
            ngettext(
                "{n} call made one after another opened {opened} TCP connections; one client reuses one "
                "kept-alive connection for all of them. Create the client once, in `__init__`.",
                "{n} calls made one after another opened {opened} TCP connections; one client reuses one "
                "kept-alive connection for all of them. Create the client once, in `__init__`.",
                len(cities),
                opened=opened,
            )
        )


def test_aclose_closes_the_client(base_url: str) -> None:
    """after aclose(), the service's client is closed (a further call fails)"""
    cls = _service_class()

    async def main() -> tuple[Any, BaseException | None]:
        service = cls(base_url)
        first = await service.temperature("lima")
        await service.aclose()
        try:
            await service.temperature("lima")
        except Exception as exc:
            return first, exc
        return first, None

    first, error = _run(main)
    _temperature_value(first, "lima")
    if error is None:
        fail(
            _(
                "After `await service.aclose()`, `temperature()` still fetched data: `aclose` did not close the "
                "client, so its connections stay open until the garbage collector finds them. Close it: "
                "`await self._client.aclose()`."
            )
        )


def test_works_on_two_event_loops(base_url: str) -> None:
    """two services on two event loops (two `asyncio.run` calls) both work"""
    cls = _service_class()

    async def main() -> Any:
        async with cls(base_url) as service:
            return await service.temperature("perth")

    _temperature_value(_run(main), "perth")
    _temperature_value(_run(main), "perth")


def test_max_connections_is_respected(base_url: str) -> None:
    """with max_connections=2, four calls at once use at most 2 connections"""
    cls = _service_class()

    async def main() -> list[Any]:
        async with cls(base_url, max_connections=2) as service:
            return list(await asyncio.gather(*(service.temperature("busyville") for _call in range(4))))

    values = _run(main, within=5)
    for value in values:
        _temperature_value(value, "busyville")
    peak, opened = UPSTREAM.in_flight.peak, len(UPSTREAM.connections)
    if peak > 2 or opened > 2:
        fail(
            _(
                "With max_connections=2, four calls at once reached the server over {opened} connections, {peak} "
                "requests at a time. Give the client its limits: "
                "`httpx.AsyncClient(..., limits=httpx.Limits(max_connections=max_connections))`; the default "
                "allows 100 connections. Extra requests then wait in the pool for a free connection.",
                opened=opened,
                peak=peak,
            )
        )


def test_gives_up_on_a_hanging_server(base_url: str) -> None:
    """with timeout=0.2, a server that never answers raises a timeout after about 0.2 s"""
    cls = _service_class()
    guard = 1.5

    async def main() -> tuple[str, Any]:
        deadline = asyncio.timeout(guard)
        try:
            async with deadline, cls(base_url, timeout=0.2) as service:
                return "returned", await service.temperature(HANGING)
        except (httpx.TimeoutException, TimeoutError) as exc:
            if deadline.expired():
                return "hung", None
            return "raised", exc

    with Stopwatch() as watch:
        outcome, value = _run(main, within=guard + 2)
    if outcome == "hung":
        fail(
            _(
                "The server never answered, and after {guard:g} s `temperature()` was still waiting, although the "
                "service was created with timeout=0.2. Give the client that timeout: "
                "`httpx.AsyncClient(..., timeout=timeout)` (httpx's default is 5 s for each step, and "
                "`timeout=None` waits forever).",
                guard=guard,
            )
        )
    if outcome == "returned":
        fail(
            _(
                "`temperature()` returned {value!r} for a server that never answered. Let the timeout error "
                "(`httpx.TimeoutException`) reach the caller instead of hiding it: the caller must know there is "
                "no temperature.",
                value=value,
            )
        )
    if watch.elapsed < 0.15:
        fail(
            _(
                "`temperature()` gave up after {secs:.2f} s, though the service was created with "
                "timeout=0.2. Use the `timeout` you are given, not a number of your own.",
                secs=watch.elapsed,
            )
        )


def test_slow_answer_in_time_without_blocking(base_url: str) -> None:
    """a 0.25 s answer within timeout=1 comes back, and the event loop stays free meanwhile"""
    cls = _service_class()

    async def main() -> tuple[Any, LoopHeartbeat]:
        async with cls(base_url, timeout=1.0) as service, LoopHeartbeat() as beat:
            value = await service.temperature("slowtown")
        return value, beat

    try:
        value, beat = _run(main)
    except httpx.TimeoutException:
        fail(
            _(
                "A server answering in 0.25 s timed out although the service was created with timeout=1.0. Use "
                "the `timeout` you are given: `httpx.AsyncClient(..., timeout=timeout)`."
            )
        )
    if beat.max_gap > 0.15:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while `temperature()` waited "
                "for the server. A synchronous HTTP call (`httpx.get`, `httpx.Client`, `requests`, `urllib`) "
                "inside `async def` freezes every other coroutine until the answer arrives; use "
                "`httpx.AsyncClient` and `await` its calls.",
                ms=beat.max_gap * 1000,
            )
        )
    _temperature_value(value, "slowtown")
