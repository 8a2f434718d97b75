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
    # TODO: 404 для других путей; прочитайте `from` из scope["query_string"] (там байты; поможет parse_qs);
    # отправьте начало ответа, затем каждую строку, как только она готова.
    await send({"type": "http.response.start", "status": 501, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not written yet: see countdown.py\n"})
