# Измерьте, что даёт конкурентность. `compare` выполняет задания одно за другим и засекает время, затем
# запускает их все сразу и снова засекает время (через `time.perf_counter()`), а потом возвращает обе
# длительности в `Timing`. Класс `Timing` оставьте как есть. Чтобы увидеть цифры, запустите
# `python measure_it.py`.
# Урок 1: Событийный цикл (`tutor lesson 1`)

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Job = Callable[[], Awaitable[Any]]


@dataclass
class Timing:
    """Сколько времени заняли одни и те же задания, в секундах."""

    sequential: float  # одно за другим
    concurrent: float  # все сразу


async def compare(jobs: list[Job]) -> Timing:
    """Замеряет время выполнения `jobs`: сначала по одному, потом всех сразу."""
    raise NotImplementedError("замерьте через time.perf_counter() время заданий: сначала по одному, потом всех сразу")


if __name__ == "__main__":
    naps: list[Job] = [functools.partial(asyncio.sleep, seconds) for seconds in (0.2, 0.5, 0.3)]
    timing = asyncio.run(compare(naps))
    print(f"one after another: {timing.sequential:.2f} s")
    print(f"all at once:       {timing.concurrent:.2f} s")
    print(f"speed-up:          {timing.sequential / timing.concurrent:.1f}x")
