# Напишите свою первую корутину. `greet` ждёт `delay` секунд, не блокируя событийный цикл, а затем
# возвращает "Hello, <name>!". `run_greet` написана как обычный синхронный код: она запускает `greet` в
# событийном цикле через `asyncio.run` и возвращает приветствие.
# Урок 1: Событийный цикл (`tutor lesson 1`)

import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    """Ждёт `delay` секунд, не блокируя цикл, затем возвращает приветствие для `name`."""
    # `await` возвращает управление событийному циклу: пока мы ждём, работают другие корутины.
    await asyncio.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    """Запускает `greet(name)` из синхронного кода и возвращает её результат."""
    # asyncio.run создаёт событийный цикл, выполняет корутину до конца, затем закрывает цикл.
    return asyncio.run(greet(name))


if __name__ == "__main__":
    print(run_greet("world"))
    print(asyncio.run(greet("event loop", delay=0.5)))
