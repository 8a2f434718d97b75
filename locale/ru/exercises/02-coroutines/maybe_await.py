# Вызывайте хуки любого вида. Хук может быть обычной функцией, функцией `async def` или обычной
# функцией, которая возвращает awaitable-объект (Future, Task, любой объект с `__await__`).
# `call_hook(hook, *args)` вызывает хук один раз; если он вернул awaitable-объект, дожидается его через
# await и возвращает результат, иначе возвращает значение как есть. `run_pipeline(hooks, value)`
# пропускает `value` через хуки по порядку, передавая каждому результат предыдущего, и возвращает
# последний результат.
# Урок 2: Корутины и await (`tutor lesson 2`)

import asyncio
import inspect
from collections.abc import Callable
from typing import Any


async def call_hook(hook: Callable[..., Any], *args: Any) -> Any:
    """Вызывает `hook(*args)` один раз; если результат — awaitable-объект, дожидается его через await."""
    raise NotImplementedError("вызовите хук, затем дождитесь результата через await, только если это awaitable-объект")


async def run_pipeline(hooks: list[Callable[[Any], Any]], value: Any) -> Any:
    """Передаёт `value` первому хуку, его результат — следующему и так далее; возвращает последний результат."""
    raise NotImplementedError("вызывайте хуки по очереди через `call_hook`, передавая каждому предыдущий результат")


if __name__ == "__main__":

    def strip(text: str) -> str:
        return text.strip()

    async def shout(text: str) -> str:
        await asyncio.sleep(0.1)
        return text.upper() + "!"

    def later(text: str) -> asyncio.Future[str]:
        future = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_later(0.1, future.set_result, f"<{text}>")
        return future

    print(asyncio.run(run_pipeline([strip, shout, later], "  hello ")))  # <HELLO!>
