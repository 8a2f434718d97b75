# Поставьте заданию дедлайн. `with_deadline` ждёт `job()` и возвращает её результат, но если задание
# выполняется дольше `seconds`, остановите его (отмените, чтобы его очистка успела выполниться до возврата)
# и верните None. None даёт только тайм-аут: если задание само выбросило исключение, пропустите его дальше.
# Урок 4: Структурированная конкурентность (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]


async def with_deadline(job: Job, seconds: float) -> Any:
    """Возвращает `await job()` или None, если задание длится дольше `seconds` (тогда оно отменяется)."""
    try:
        # Когда время вышло, asyncio.timeout отменяет задание там, где оно ждёт, даёт ему довести отмену
        # до конца (выполняются его блоки `finally`) и затем выбрасывает здесь TimeoutError.
        async with asyncio.timeout(seconds):
            return await job()
    except TimeoutError:
        return None


if __name__ == "__main__":

    async def quick() -> str:
        await asyncio.sleep(0.1)
        return "quick answer"

    async def stuck() -> str:
        try:
            await asyncio.sleep(10)
            return "far too late"
        finally:
            print("  stuck() was stopped and cleaned up")

    print(asyncio.run(with_deadline(quick, 1)))  # quick answer
    print(asyncio.run(with_deadline(stuck, 0.5)))  # строка об очистке, затем None, через 0,5 с
