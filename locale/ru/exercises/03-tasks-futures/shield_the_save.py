# Защитите сохранение от нетерпеливого вызывающего кода. `save_profile(save, profile)` выполняет
# `save(profile)` в задаче, ждёт её через `asyncio.shield`, а затем возвращает "saved". Если вызывающий код
# сдаётся (его `await` отменяют, например по тайм-ауту), он отменяется сразу, но сохранение всё равно
# завершается. Храните задачу каждого сохранения в `pending_saves`, пока она не завершится: цикл держит
# на задачи только слабые ссылки.
# Урок 3: Задачи и фьючерсы (`tutor lesson 3`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Save = Callable[[dict[str, Any]], Awaitable[Any]]

# Сохранения, которые ещё выполняются, даже если тот, кто их запустил, уже перестал ждать.
pending_saves: set[asyncio.Task[Any]] = set()


async def save_profile(save: Save, profile: dict[str, Any]) -> str:
    """Сохраняет `profile` в задаче, до которой не доходит отмена вызывающего кода; возвращает "saved"."""
    raise NotImplementedError("запустите сохранение как задачу, храните её в pending_saves, дождитесь её через shield")


if __name__ == "__main__":

    async def slow_save(profile: dict[str, Any]) -> None:
        print("saving", profile)
        await asyncio.sleep(0.5)
        print("saved", profile)

    async def main() -> None:
        try:
            async with asyncio.timeout(0.1):
                print(await save_profile(slow_save, {"name": "Ada"}))
        except TimeoutError:
            print("the caller gave up after 0.1 s; saves still running:", len(pending_saves))
        await asyncio.sleep(0.6)  # цикл продолжает работать: сохранение завершается
        print("saves still running:", len(pending_saves))

    asyncio.run(main())
