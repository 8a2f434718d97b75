# expect: must be a coroutine function
# expect-ru: должна быть корутинной
import time


def greet(name: str, delay: float = 0.1) -> str:
    time.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    return greet(name)
