# Напишите монитор задержки цикла. `measure_lag(work, interval)` выполняет `await work()`, пока в фоне
# тикает задача-пульс: она снова и снова спит `interval` секунд и отмечает, насколько поздно проснулся
# каждый тик. Верните наибольшее опоздание в секундах (0.0, если ни один тик не опоздал). Остановите
# пульс до возврата, даже если `work()` выбрасывает исключение. Запустите `python loop_lag.py`, чтобы
# измерить вежливую и грубую корутины.
# Урок 5: Блокирующий и неблокирующий код (`tutor lesson 5`)

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

Work = Callable[[], Awaitable[Any]]


async def measure_lag(work: Work, interval: float = 0.01) -> float:
    """Выполняет `await work()`, пока пульс тикает каждые `interval` с; возвращает наибольшее опоздание в секундах."""
    raise NotImplementedError("запустите пульс, дождитесь work(), остановите пульс, верните наибольшее опоздание")


if __name__ == "__main__":

    async def polite() -> None:
        await asyncio.sleep(0.3)

    async def rude() -> None:
        await asyncio.sleep(0.05)
        time.sleep(0.3)  # блокирует событийный цикл
        await asyncio.sleep(0.05)

    for work in (polite, rude):
        lag = asyncio.run(measure_lag(work))
        print(f"{work.__name__:<7} worst loop lag: {lag * 1000:.0f} ms")  # около 0 мс, затем около 300 мс
