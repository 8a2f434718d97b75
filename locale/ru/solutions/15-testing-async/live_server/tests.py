# Протестируйте приложение под НАСТОЯЩИМ сервером: запустите uvicorn (livetest.LiveServer) один раз на
# класс в setUpClass, остановите его, когда класс закончит работу, и обращайтесь к нему через
# httpx.AsyncClient. Докажите, что конкурентные запросы к /slow/ пересекаются, а /ticker/ отдаёт
# первую строку раньше, чем заканчивается. views.py работает: на нём ваши тесты должны пройти; затем
# проверка по очереди подбросит три бага.
# Запустите их сами: `python manage.py test` в этой папке.
# Урок 15: Тестирование асинхронного Django (`tutor lesson 15`)

import asyncio
import time

import httpx
from asgi import application
from django.test import SimpleTestCase
from livetest import LiveServer


class LiveServerTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = LiveServer(application)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)  # сработает, даже если упадёт один из следующих шагов setUpClass

    async def test_concurrent_requests_overlap(self):
        """Пять запросов к /slow/, отправленных разом, обслуживаются одновременно, а не один за другим."""
        async with httpx.AsyncClient(base_url=self.server.url, timeout=5) as client:
            await client.get("/slow/")  # прогрев: первый запрос создаёт обработчик Django
            start = time.perf_counter()
            responses = await asyncio.gather(*(client.get("/slow/") for _ in range(5)))
            took = time.perf_counter() - start
        self.assertEqual([r.status_code for r in responses], [200] * 5)
        # Доказательство без часов: пока один запрос ждал, остальные тоже были внутри представления.
        self.assertEqual(max(r.json()["in_flight"] for r in responses), 5)
        # Часы, с широким запасом: по одному вышло бы 5 × 0,3 = 1,5 с.
        self.assertLess(took, 1.2)

    async def test_ticker_streams_its_first_line_early(self):
        """/ticker/ отправляет "tick 0" сразу, задолго до конца тела ответа."""
        async with httpx.AsyncClient(base_url=self.server.url, timeout=5) as client:
            async with client.stream("GET", "/ticker/") as response:
                self.assertEqual(response.status_code, 200)
                chunks = response.aiter_text()
                async with asyncio.timeout(2):
                    first = await anext(chunks)
                    first_at = time.perf_counter()
                    rest = [chunk async for chunk in chunks]
                ended_at = time.perf_counter()
        self.assertEqual(first, "tick 0\n")
        self.assertEqual(first + "".join(rest), "tick 0\ntick 1\ntick 2\n")
        # За первой строкой следуют ещё два тика с интервалом 0,2 с: буферизованное тело приходит целиком сразу.
        self.assertGreater(ended_at - first_at, 0.25)
