# Загрузите много страниц сразу, но вежливо. `fetch_all` делает GET-запрос к каждому пути из `paths`
# через переданный ей `client` (пользуйтесь им и оставьте его открытым: он принадлежит вызывающему
# коду), причём одновременно выполняется не больше `limit` запросов, и возвращает JSON-тела ответов в
# порядке `paths`. Статус ошибки (4xx или 5xx) должен приводить к `httpx.HTTPStatusError`: вызовите
# `response.raise_for_status()`.
# Урок 6: Асинхронные HTTP-клиенты (`tutor lesson 6`)

import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    """Делает GET-запрос к каждому пути через `client`, не больше `limit` за раз; возвращает JSON-тела по порядку."""
    # Один семафор, общий для всех запросов: дальше него одновременно проходят не больше `limit`.
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore:  # ждём здесь, пока выполняются `limit` запросов
            response = await client.get(path)  # пул клиента повторно использует свои соединения
        response.raise_for_status()  # ответ 4xx или 5xx превращается в `httpx.HTTPStatusError`
        return response.json()

    # `gather` запускает все `fetch` сразу и сохраняет результаты в порядке `paths`.
    return await asyncio.gather(*(fetch(path) for path in paths))


if __name__ == "__main__":
    import time

    async def fake_api(request: httpx.Request) -> httpx.Response:
        # Заменяет настоящий API, никакой сети: каждый ответ занимает 0,1 с.
        await asyncio.sleep(0.1)
        return httpx.Response(200, json={"path": request.url.path})

    async def main() -> None:
        transport = httpx.MockTransport(fake_api)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as client:
            start = time.perf_counter()
            pages = await fetch_all(client, [f"/items/{i}" for i in range(10)], limit=5)
            print(pages[:2], "...", f"{time.perf_counter() - start:.2f} s")  # около 0,2 с

    asyncio.run(main())
