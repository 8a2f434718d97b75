# Повторяйте то, что стоит повторять. `get_with_retry` делает GET-запрос к `url` через `client`. При
# статусе 5xx или `httpx.TransportError` (сбои соединения, тайм-ауты) она пробует снова, всего
# `attempts` попыток, и ждёт `base_delay` с перед 2-й попыткой, вдвое больше перед 3-й, вчетверо
# перед 4-й... 4xx — ошибка вызывающего кода: выбрасывайте её сразу. Когда попытка удалась, верните
# ответ; когда не удалась последняя, выбросьте её ошибку (`raise_for_status()` превращает 5xx в
# `httpx.HTTPStatusError`).
# Урок 6: Асинхронные HTTP-клиенты (`tutor lesson 6`)

import asyncio

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    """Делает GET-запрос к `url`, повторяя ответы 5xx и транспортные ошибки с экспоненциальной задержкой."""
    for attempt in range(attempts):
        try:
            response = await client.get(url)
            # `raise_for_status()` выбрасывает `httpx.HTTPStatusError` для любого 4xx или 5xx.
            return response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code < 500 or attempt == attempts - 1:
                raise  # 4xx не исправится от повторного запроса; последний 5xx уходит вызывающему коду
        except httpx.TransportError:
            if attempt == attempts - 1:
                raise
        # Экспоненциальная задержка: base_delay, 2 * base_delay, 4 * base_delay... даёт серверу передышку.
        await asyncio.sleep(base_delay * 2**attempt)
    raise ValueError(f"attempts must be at least 1, got {attempts}")


if __name__ == "__main__":
    answers = iter([503, 502, 200])  # поддельный API дважды падает, потом восстанавливается

    async def flaky_api(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        print(f"  the API answers {status}")
        return httpx.Response(status, json={"ok": status == 200})

    async def main() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(flaky_api)) as client:
            response = await get_with_retry(client, "http://api.test/report", base_delay=0.2)
            print(response.status_code, response.json())

    asyncio.run(main())
