# Сделайте так, чтобы `timing_middleware` работал в ОБОИХ режимах, синхронном и асинхронном. Он уже
# добавляет заголовок вида `Server-Timing: app;dur=301.2` (сколько миллисекунд заняли остаток цепочки и
# представление), но он только синхронный, поэтому под ASGI Django адаптирует его, и каждый запрос переходит
# в поток. Пометьте фабрику `@sync_and_async_middleware` и возвращайте middleware на `async def`, когда
# get_response — корутинная функция.
# Урок 12: Асинхронные middleware и запрос (`tutor lesson 12`)

import time


def timing_middleware(get_response):
    # TODO: у этой фабрики нет флагов, поэтому Django считает её только синхронной (`tutor run` пишет в лог
    # "Asynchronous handler adapted for middleware middleware.timing_middleware.").
    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
