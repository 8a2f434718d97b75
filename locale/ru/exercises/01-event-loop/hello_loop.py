# Напишите свою первую корутину. `greet` ждёт `delay` секунд, не блокируя событийный цикл, а затем
# возвращает "Hello, <name>!". `run_greet` написана как обычный синхронный код: она запускает `greet` в
# событийном цикле через `asyncio.run` и возвращает приветствие.
# Урок 1: Событийный цикл (`tutor lesson 1`)

import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    """Ждёт `delay` секунд, не блокируя цикл, затем возвращает приветствие для `name`."""
    raise NotImplementedError("подождите `delay` секунд, не блокируя цикл, затем верните приветствие")


def run_greet(name: str) -> str:
    """Запускает `greet(name)` из синхронного кода и возвращает её результат."""
    raise NotImplementedError("запустите `greet(name)` через `asyncio.run` и верните то, что она отдаст")


if __name__ == "__main__":
    print(run_greet("world"))
    print(asyncio.run(greet("event loop", delay=0.5)))
