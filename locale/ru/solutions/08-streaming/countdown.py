# Ответ по частям. `GET /countdown?from=N` (по умолчанию N = 3) отвечает 200 text/plain и отправляет
# по одной строке: "N\n", ..., "1\n", затем "liftoff!\n", с `await tick()` между двумя строками.
# Отправляйте каждую строку отдельным сообщением `http.response.body` с `more_body: True`; последнее
# сообщение завершает ответ. Любой другой путь: 404. Запустите `tutor run`, затем откройте отсчёт
# через `curl -N` и смотрите, как приходят строки.
# Урок 8: Стриминг и работа в реальном времени (`tutor lesson 8`)

import asyncio
from urllib.parse import parse_qs

interval = 0.5  # пауза между двумя строками, в секундах


async def tick():
    """Ждёт между двумя строками (проверка подставляет вместо неё свою)."""
    await asyncio.sleep(interval)


async def app(scope, receive, send):
    """Отдаёт обратный отсчёт по частям, по одной строке."""
    if scope["type"] != "http":
        return
    if scope["path"] != "/countdown":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"Not found\n"})
        return
    query = parse_qs(scope["query_string"].decode())  # b"from=5" -> {"from": ["5"]}
    start = int(query.get("from", ["3"])[0])

    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    for number in range(start, 0, -1):
        # more_body=True: «дальше будет ещё», поэтому сервер отправляет эту строку сразу и держит
        # ответ открытым.
        await send({"type": "http.response.body", "body": f"{number}\n".encode(), "more_body": True})
        await tick()
    # В последнем сообщении more_body нет (то есть False): ответ завершён.
    await send({"type": "http.response.body", "body": b"liftoff!\n"})
