"""Checks for lesson 14, exercise `notify/notifications.py`: an async view saves a row and announces it with
`Signal.asend()`; an async receiver hands it to the broker, and the SSE stream delivers it to a live client."""

from __future__ import annotations

import asyncio
import inspect
import json
import sys
import threading
from types import ModuleType
from typing import Any

import httpx

from tutor.checkkit import (
    EventStreamReader,
    RecordingApp,
    _,
    django_project,
    django_request,
    explain_django_errors,
    fail,
    load_exercise,
    require_async_view,
    response_json,
    run_async,
    serve_django,
)


class Probe:
    """An async receiver the check connects to `notification_created`: proof that the signal was sent and its
    async receivers awaited before the view answered; and a recorder around `broker.publish`."""

    def __init__(self) -> None:
        self.received: list[Any] = []  # the notifications the signal carried
        self.published: list[Any] = []  # the events given to broker.publish

    async def receiver(self, sender: Any, notification: Any = None, **kwargs: Any) -> None:
        self.received.append((getattr(notification, "pk", None), threading.get_ident()))  # the id when sent


def _module() -> ModuleType:
    """The project set up on a database of its own, then the learner's notifications.py."""
    django_project()
    with explain_django_errors("notifications.py"):
        return load_exercise()


def _install() -> Probe:
    module = _module()
    from inbox.signals import notification_created

    probe = Probe()
    notification_created.connect(probe.receiver, weak=False, dispatch_uid="tutor-check-probe")
    broker = sys.modules["broker"]
    original = broker.publish

    def publish(event: Any) -> int:
        probe.published.append(event)
        return int(original(event))

    broker.publish = publish
    if getattr(module, "publish", None) is original:  # `from broker import publish`
        module.publish = publish  # type: ignore[attr-defined]
    return probe


def _explain(exc: BaseException, what: str, where: str) -> str | None:
    if "AsyncToSync in the same thread as an async event loop" in str(exc):
        return _(
            "{what}: `notification_created.send(...)` was called from your async view{where}. `send()` is the "
            "sync API: it calls sync receivers right there (blocking the event loop) and runs the async ones "
            "through `async_to_sync`, which refuses to run inside a running event loop, hence this "
            "RuntimeError. In async code use `await notification_created.asend(sender=..., notification=...)` "
            "(Django 5.0+): it awaits async receivers on this loop and moves sync ones to a thread.",
            what=what,
            where=where,
        )
    return None


# --- the checks -----------------------------------------------------------------------------


def test_view_and_receiver_are_async() -> None:
    """notify is an `async def` view and push_notification an `async def` receiver"""
    module = _module()
    view = getattr(module, "notify", None)
    if view is None:
        fail(_("notifications.py has no `notify`: urls.py routes /notify/ to it. Keep the name."))
    require_async_view(view, "notify")
    hook = getattr(module, "push_notification", None)
    if hook is None:
        fail(_("notifications.py has no `push_notification`: keep the receiver's name."))
    if not inspect.iscoroutinefunction(hook):
        fail(
            _(
                "`push_notification` is a plain `def` receiver. `asend()` runs sync receivers in a worker thread "
                "(through sync_to_async), one thread hop per signal, and whatever blocks in there makes the POST "
                "wait. Putting an event on the broker needs no thread: make it `async def push_notification(sender, "
                "notification, **kwargs):`, and `asend()` awaits it on the request's own event loop."
            )
        )


def test_post_saves_then_signals() -> None:
    """POST /notify/ saves the row, then sends the signal with asend: its receivers publish the saved event"""
    probe = _install()
    from inbox.models import Notification

    what = "POST /notify/"
    response = django_request(
        "POST", "/notify/", json_body={"text": "disk almost full"}, native_orm=True, explain=_explain
    )
    body = response_json(response, what, status=201)
    if not isinstance(body, dict) or not isinstance(body.get("id"), int):
        fail(
            _(
                '{what} answered {body!r}; expected the saved notification, {{"id": <its id>, "text": ...}}.',
                what=what,
                body=body,
            )
        )
    if not Notification.objects.filter(pk=body["id"], text="disk almost full").exists():
        fail(
            _(
                "{what} answered {body!r}, but no such row is in the database. Save it with `await ...acreate(...)`.",
                what=what,
                body=body,
            )
        )
    if not probe.received:
        fail(
            _(
                "{what} answered without sending the `notification_created` signal: a receiver connected to it was "
                "never called. Publishing on the broker straight from the view skips everyone else listening. Send "
                "it: `await notification_created.asend(sender=Notification, notification=notification)`.",
                what=what,
            )
        )
    sent_pk, _thread = probe.received[0]
    if sent_pk is None:
        fail(
            _(
                "The signal carried a notification with no id (pk None): it was sent before the row was saved, so "
                "the event reaches the browsers with `id: None`. Create it first (`await "
                "Notification.objects.acreate(...)`), then `asend`."
            )
        )
    if not probe.published:
        fail(
            _(
                "The signal was sent, but nothing was published on the broker: `push_notification` must call "
                "`broker.publish(notification.as_event())`. Is it connected (`@receiver(notification_created)`)?"
            )
        )
    if probe.published[0] != {"id": body["id"], "text": "disk almost full"}:
        fail(
            _(
                "push_notification published {published!r}; expected `notification.as_event()`, {body!r}.",
                published=probe.published[0],
                body=body,
            )
        )


def test_reaches_a_live_stream() -> None:
    """served by uvicorn, a POSTed notification reaches a connected event-stream client within 2 s"""
    _install()
    broker = sys.modules["broker"]
    from django.core.handlers.asgi import ASGIHandler

    watch = RecordingApp(ASGIHandler(), heartbeat=True)
    got: dict[str, Any] = {}

    async def scenario(base: str) -> None:
        async with (
            httpx.AsyncClient(timeout=5, trust_env=False) as client,
            client.stream("GET", f"{base}/events/") as stream,
        ):
            reader = EventStreamReader(stream.aiter_bytes())
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 2
            while broker.subscriber_count() < 1 and loop.time() < deadline:
                await asyncio.sleep(0.01)
            posted = await client.post(f"{base}/notify/", json={"text": "deploy finished"})
            got["status"], got["body"] = posted.status_code, posted.text
            if posted.status_code == 201:
                event = await reader.next_event(within=2, what=_("GET /events/, after POST /notify/"))
                got["event"] = event

    what = _("POST /notify/ (served by uvicorn)")
    # serve_django explains a Django async error your code raised while serving when the block ends.
    with serve_django(watch) as base:
        run_async(scenario(base), within=8, what=_("Posting a notification to a live stream"))
        stalled = watch.stalled()
    if got.get("status") != 201:
        fail(_("{what} answered {status}: {body}", what=what, status=got.get("status"), body=got.get("body", "")[:300]))
    event = got["event"]
    body = json.loads(got["body"])
    if event.id != str(body.get("id")) or json.loads(event.data) != body:
        fail(
            _(
                "The live client got id {id!r} with data {data!r}; expected the notification {body!r}.",
                id=event.id,
                data=event.data,
                body=body,
            )
        )
    if stalled > 0.25:
        fail(
            _(
                "Something blocked the server's event loop for {ms:.0f} ms while the notification went "
                "out. A blocking call in the view or in an async receiver (`time.sleep`, a sync query) stops every "
                "stream on the server.",
                ms=stalled * 1000,
            )
        )
