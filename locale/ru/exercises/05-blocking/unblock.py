# `legacy_report` — медленный синхронный вызов библиотеки, и менять его нельзя. Сделайте так, чтобы
# `fetch_report` вызывала его, не блокируя событийный цикл (в рабочем потоке), а `fetch_reports`
# получала несколько отчётов одновременно и возвращала их в порядке `numbers`.
# Урок 5: Блокирующий и неблокирующий код (`tutor lesson 5`)

import asyncio
import time


def legacy_report(n: int) -> str:
    """Синхронный вызов из старой библиотеки: блокирует свой поток на 0,3 с. Не меняйте его."""
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    """Возвращает `legacy_report(n)`, оставляя событийный цикл свободным, пока вызов выполняется."""
    return legacy_report(n)  # TODO: это блокирует событийный цикл на 0,3 с


async def fetch_reports(numbers: list[int]) -> list[str]:
    """Получает отчёты для всех чисел одновременно; возвращает их в порядке `numbers`."""
    raise NotImplementedError("выполните fetch_report для каждого числа конкурентно и верните отчёты по порядку")


if __name__ == "__main__":
    start = time.perf_counter()
    print(asyncio.run(fetch_reports([1, 2, 3, 4])))
    print(f"took {time.perf_counter() - start:.2f} s")  # около 0,3 с, когда всё заработает
