"""Ненастоящий сервер сборки, за логом которого можно следить, пока идёт сборка (прочитайте; править не нужно).

Каждая строка появляется, только когда сборка до неё доходит, поэтому прочитать следующую строку значит
подождать. Ждать можно двумя способами: `next_line` для асинхронного кода (ждёт через `await`, а событийный
цикл тем временем обслуживает других) и `next_line_blocking` для синхронного кода времён WSGI (держит свой
поток). `follow()` оборачивает `next_line` в асинхронный итератор для `async for`.
"""

import asyncio
import time

LINES = [
    "$ make release",
    "compiling 12 modules",
    "running 148 tests",
    "148 passed",
    "packing wheel",
    "build finished: dist/app-1.4.0-py3-none-any.whl",
]
STEP = 0.6  # секунд, которые сборка тратит на строку


async def next_line(number):
    """Строка лога номер `number` (0, 1, 2...), как только сборка её записала, или None после последней строки."""
    if number >= len(LINES):
        return None
    await asyncio.sleep(STEP)
    return LINES[number]


def next_line_blocking(number):
    """То же для синхронного кода: блокирует вызывающий поток на время ожидания (годится только в рабочем потоке)."""
    if number >= len(LINES):
        return None
    time.sleep(STEP)
    return LINES[number]


async def follow():
    """Все строки лога, каждая сразу, как только сборка её записала: `async for line in follow():`."""
    number = 0
    while (line := await next_line(number)) is not None:
        yield line
        number += 1
