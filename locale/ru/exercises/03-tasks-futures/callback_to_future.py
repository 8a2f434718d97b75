# Превратите API на колбэках в то, чего можно дождаться через `await`. `api.fetch(key, on_done, on_error)`
# сразу возвращает управление, а позже вызывает `on_done(value)` или `on_error(exception)` — иногда из
# собственного потока, а поскольку API старый, иногда ещё раз или уже после того, как вы перестали ждать.
# Напишите `fetch(api, key)` на фьючерсе: `await fetch(api, key)` возвращает значение или выбрасывает
# исключение; лишние и запоздалые ответы игнорируются.
# Урок 3: Задачи и фьючерсы (`tutor lesson 3`)

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol


class CallbackAPI(Protocol):
    """Интерфейс старого клиента: он отвечает позже, через один из двух колбэков."""

    def fetch(self, key: str, on_done: Callable[[Any], object], on_error: Callable[[BaseException], object]) -> None:
        """Начинает загрузку `key` и сразу возвращает управление."""


async def fetch(api: CallbackAPI, key: str) -> Any:
    """Загружает `key` через API на колбэках; возвращает значение или выбрасывает ошибку, о которой сообщил API."""
    raise NotImplementedError("создайте фьючерс, пусть колбэки завершат его, и дождитесь его через await")


if __name__ == "__main__":

    class ThreadedAPI:
        """Игрушечный клиент, который отвечает из собственного потока через 0,2 с."""

        def fetch(
            self, key: str, on_done: Callable[[Any], object], on_error: Callable[[BaseException], object]
        ) -> None:
            def answer() -> None:
                time.sleep(0.2)  # здесь можно: это не поток событийного цикла
                if key == "missing":
                    on_error(KeyError(key))
                else:
                    on_done(f"value of {key}")

            threading.Thread(target=answer).start()

    async def main() -> None:
        print(await fetch(ThreadedAPI(), "answer"))
        try:
            await fetch(ThreadedAPI(), "missing")
        except KeyError as exc:
            print("raised", repr(exc))

    asyncio.run(main())
