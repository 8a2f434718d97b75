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
from django.test import SimpleTestCase

from asgi import application
from livetest import LiveServer


class LiveServerTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Запустите LiveServer для `application` (приложения, которое asgi.py отдаёт uvicorn в продакшене) и
        # позаботьтесь, чтобы он остановился, когда класс закончит работу, даже если что-то по дороге упадёт.

    async def test_concurrent_requests_overlap(self):
        """Пять запросов к /slow/, отправленных разом, обслуживаются одновременно, а не один за другим."""
        self.fail("write this test")

    async def test_ticker_streams_its_first_line_early(self):
        """/ticker/ отправляет "tick 0" сразу, задолго до конца тела ответа."""
        self.fail("write this test")
