"""Собственный сигнал доски: отправляется через `await notice_created.asend(sender=Notice, notice=notice)`
при каждом создании объявления (POST /api/notices/ и каждый новый элемент при обновлении лент).

`asend` (Django 5.0+) дожидается асинхронных получателей в работающем событийном цикле, а синхронных
запускает в потоке.
"""

from django.dispatch import Signal

notice_created = Signal()
