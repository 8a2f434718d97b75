# Перепишите `MaintenanceMiddleware` как только асинхронный middleware-класс: `async_capable = True`,
# `sync_capable = False`, `markcoroutinefunction(self)` в __init__, когда get_response — корутинная
# функция, и `async def __call__`. Пока переключатель `"maintenance"` включён, отвечайте 503 с заголовком
# `Retry-After: 60`, не вызывая представление; иначе возвращайте то, что даёт get_response. Отсутствующий
# переключатель означает «выключено». Читайте его через асинхронную ORM (`await ....aexists()`, `aget`, `afirst`).
# Урок 12: Асинхронные middleware и запрос (`tutor lesson 12`)

from django.http import HttpResponse
from switches.models import Switch


class MaintenanceMiddleware:
    # TODO: только синхронный middleware (без флагов): под ASGI Django на каждом запросе выполняет его,
    # а вместе с ним и представление под ним, через переход в поток. Сделайте его только асинхронным.
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if Switch.objects.filter(name="maintenance", on=True).exists():
            return HttpResponse(
                "Down for maintenance, back soon.\n",
                status=503,
                headers={"Retry-After": "60"},
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
