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


async def counted(content):
    """Фрагменты стрима, передаваемые дальше по одному по мере прихода; заодно считаются открытые стримы."""
    stats["open_streams"] += 1
    try:
        async for chunk in content:
            yield chunk
    finally:  # стрим закончился или отменён, потому что клиент ушёл
        stats["open_streams"] -= 1


class BoardMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)  # говорит Django (и CommonMiddleware выше), что нас надо ждать через `await`

    async def __call__(self, request):
        started = time.perf_counter()
        response = await self.get_response(request)
        response["X-Request-ID"] = uuid.uuid4().hex
        if response.streaming:
            response.streaming_content = counted(response.streaming_content)
        else:
            response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response
