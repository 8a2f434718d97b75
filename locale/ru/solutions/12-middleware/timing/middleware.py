# Сделайте так, чтобы `timing_middleware` работал в ОБОИХ режимах, синхронном и асинхронном. Он уже
# добавляет заголовок вида `Server-Timing: app;dur=301.2` (сколько миллисекунд заняли остаток цепочки и
# представление), но он только синхронный, поэтому под ASGI Django адаптирует его, и каждый запрос переходит
# в поток. Пометьте фабрику `@sync_and_async_middleware` и возвращайте middleware на `async def`, когда
# get_response — корутинная функция.
# Урок 12: Асинхронные middleware и запрос (`tutor lesson 12`)

import time

from asgiref.sync import iscoroutinefunction
from django.utils.decorators import sync_and_async_middleware


def server_timing(started: float) -> str:
    """Значение заголовка: время, прошедшее с `started` (показание `time.perf_counter()`), в мс."""
    return f"app;dur={(time.perf_counter() - started) * 1000:.1f}"


@sync_and_async_middleware
def timing_middleware(get_response):
    if iscoroutinefunction(get_response):

        async def middleware(request):
            started = time.perf_counter()
            response = await get_response(request)
            response["Server-Timing"] = server_timing(started)
            return response

    else:

        def middleware(request):
            started = time.perf_counter()
            response = get_response(request)
            response["Server-Timing"] = server_timing(started)
            return response

    return middleware
