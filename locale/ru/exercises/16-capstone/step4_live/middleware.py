# Напишите `BoardMiddleware`, классовый middleware ТОЛЬКО для асинхронного режима (под ASGI без перескока
# в поток): пометьте класс флагами, пометьте каждый экземпляр через markcoroutinefunction и дожидайтесь
# get_response через `await`. На каждый ответ ставьте `X-Request-ID` (новый uuid4 в hex); на обычные
# ответы — ещё и `Server-Timing: app;dur=<ms>`. Потоковый ответ должен остаться стримом: никогда не
# трогайте `response.content`; оберните `response.streaming_content` в асинхронный генератор, который
# считает открытые стримы в `stats["open_streams"]` (плюс один при старте, минус один в конце).
# Урок 16: Итоговый проект: живая доска объявлений (`tutor lesson 16`)

import time
import uuid

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

stats = {"open_streams": 0}  # его показывает GET /api/status/


class BoardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
