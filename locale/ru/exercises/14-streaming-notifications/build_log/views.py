# Отдавайте лог сборки клиенту построчно, пока идёт сборка: GET /build/ отвечает `text/plain`, по строке
# ("...\n"), как только она появилась в buildlog.py. Эта версия времён WSGI читает лог блокирующим вызовом
# в синхронном генераторе: под ASGI Django собирает его целиком в потоке (с предупреждением), и клиент
# ничего не видит, пока сборка не закончится. Сделайте `log_lines` асинхронным генератором, который
# дожидается `buildlog.next_line(number)` через `await` (или использует `async for` по `buildlog.follow()`).
# Урок 14: Стриминг и уведомления (`tutor lesson 14`)

import buildlog
from django.http import StreamingHttpResponse


def log_lines():
    """Каждая строка лога сборки с "\n" в конце, как только сборка её записала."""
    number = 0
    while (line := buildlog.next_line_blocking(number)) is not None:
        yield f"{line}\n"
        number += 1


async def build_log(request):
    """GET /build/: лог сборки, отдаваемый по частям как обычный текст."""
    return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")
