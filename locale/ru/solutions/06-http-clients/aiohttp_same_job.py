# То же самое на aiohttp. `fetch_all` открывает ОДНУ `aiohttp.ClientSession` для `base_url` (с
# `ClientTimeout(total=timeout)`, одновременно не больше `limit` запросов), делает GET-запрос к
# каждому пути и возвращает по одному элементу на путь, по порядку: разобранный JSON или исключение,
# которое выбросил этот запрос. Статус ошибки тоже должен становиться исключением (`raise_for_status()`),
# а один плохой путь не должен губить результаты остальных. Читайте каждое тело внутри его `async with`
# и закройте сессию до возврата.
# Урок 6: Асинхронные HTTP-клиенты (`tutor lesson 6`)

import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    """Делает GET-запрос к каждому пути через одну сессию, не больше `limit` одновременно; JSON или исключение, по порядку."""
    semaphore = asyncio.Semaphore(limit)

    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with semaphore:  # одновременно не больше `limit` запросов
            async with session.get(path) as response:
                response.raise_for_status()  # 4xx/5xx: `aiohttp.ClientResponseError`
                return await response.json()  # читаем тело, пока ответ открыт

    # Одна сессия: один пул соединений, один тайм-аут на все запросы. `async with` её закроет.
    session_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(base_url=base_url, timeout=session_timeout) as session:
        # `return_exceptions=True`: упавший запрос отдаёт своё исключение как результат,
        # а остальные запросы продолжают работу.
        return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)


if __name__ == "__main__":
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    async def item(request: web.Request) -> web.Response:
        # Локальная замена настоящего API: интернет не нужен.
        number = int(request.match_info["number"])
        if number == 3:
            return web.json_response({"error": "no such item"}, status=404)
        await asyncio.sleep(0.1)
        return web.json_response({"item": number})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/items/{number}", item)
        async with TestServer(app, host="127.0.0.1") as server:  # свободный порт на этой машине
            base_url = str(server.make_url(""))
            paths = [f"/items/{n}" for n in range(5)]
            results = await fetch_all(base_url, paths, limit=2, timeout=2.0)
            for path, result in zip(paths, results):
                if isinstance(result, BaseException):
                    print(path, "failed:", type(result).__name__, result)
                else:
                    print(path, result)

    asyncio.run(main())
