# Напишите воркер, который наводит порядок, когда его отменяют. `worker(inbox, connect)` открывает соединение
# через `await connect()`, а затем бесконечно берёт сообщение (`await inbox.get()`) и отправляет его
# (`await conn.send(message)`). Он останавливается, только когда его задачу отменяют: тогда он должен закрыть
# соединение (`await conn.close()`), даже посреди отправки, и всё равно завершиться как отменённый:
# никогда не глотайте CancelledError.
# Урок 3: Задачи и фьючерсы (`tutor lesson 3`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol


class Connection(Protocol):
    """То, что возвращает `connect()`."""

    async def send(self, message: str) -> None:
        """Отправляет одно сообщение."""

    async def close(self) -> None:
        """Закрывает соединение."""


async def worker(inbox: asyncio.Queue[str], connect: Callable[[], Awaitable[Connection]]) -> None:
    """Бесконечно отправляет каждое сообщение, пришедшее в `inbox`; при отмене закрывает соединение."""
    conn = await connect()
    try:
        while True:
            message = await inbox.get()  # cancel() обычно застаёт нас здесь, пока мы ждём...
            await conn.send(message)  # ...или здесь, посреди отправки
    finally:
        # Выполняется, как бы ни завершился цикл, в том числе при CancelledError (это BaseException, и
        # `except Exception:` его бы пропустил). После этого блока CancelledError сам летит дальше,
        # и задача завершается как отменённая.
        await conn.close()


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
        await asyncio.sleep(0.5)  # оба сообщения отправлены; теперь воркер ждёт новых
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print("worker cancelled:", task.cancelled())

    asyncio.run(main())
