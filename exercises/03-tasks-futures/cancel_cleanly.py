# Write a worker that cleans up when it is cancelled. `worker(inbox, connect)` opens a connection with
# `await connect()`, then forever takes a message (`await inbox.get()`) and sends it (`await conn.send(message)`).
# It stops only when its task is cancelled: it must then close the connection (`await conn.close()`), even
# in the middle of a send, and still end as cancelled: never swallow the CancelledError.
# Lesson 3: Tasks and futures (`tutor lesson 3`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol


class Connection(Protocol):
    """What `connect()` gives you."""

    async def send(self, message: str) -> None:
        """Send one message."""

    async def close(self) -> None:
        """Close the connection."""


async def worker(inbox: asyncio.Queue[str], connect: Callable[[], Awaitable[Connection]]) -> None:
    """Send every message that arrives in `inbox`, forever; close the connection when cancelled."""
    raise NotImplementedError("connect, send messages forever, and close the connection when cancelled")


if __name__ == "__main__":

    class PrintingConnection:
        async def send(self, message: str) -> None:
            await asyncio.sleep(0.1)
            print("sent", message)

        async def close(self) -> None:
            print("connection closed")

    async def connect() -> PrintingConnection:
        print("connected")
        return PrintingConnection()

    async def main() -> None:
        inbox: asyncio.Queue[str] = asyncio.Queue()
        for message in ("hello", "world"):
            inbox.put_nowait(message)
        task = asyncio.create_task(worker(inbox, connect))
        await asyncio.sleep(0.5)  # both messages are sent; the worker now waits for more
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print("worker cancelled:", task.cancelled())

    asyncio.run(main())
