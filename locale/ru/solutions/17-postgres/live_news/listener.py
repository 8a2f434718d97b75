# Наполняйте живой SSE-стрим из LISTEN/NOTIFY в PostgreSQL. `start_listening()` открывает ОДНО соединение
# asyncpg на этот серверный процесс (его открывает первый стартовавший стрим, следующие используют его же)
# и слушает CHANNEL через `add_listener`; его колбэк кладёт каждую полезную нагрузку в очередь каждого
# подписчика. `event_stream()` отдаёт через yield `data: <payload>` и пустую строку на каждый NOTIFY и
# убирает свою очередь, чем бы ни закончился стрим.
# `tutor run`, затем `curl -N {url}events/` и `curl -d hello {url}notify/` в другом терминале.
# Урок 17: PostgreSQL, настоящий асинхронный драйвер (необязательная часть) (`tutor lesson 17`)

import asyncio

import asyncpg

CHANNEL = "news"
MAX_WAITING = 100  # столько сообщений хранится для медленного клиента; сверх этого они для него отбрасываются

_queues = set()  # по одной asyncio.Queue на каждый открытый стрим
_listener = None  # единственное соединение LISTEN этого процесса, когда оно открыто
_opening = asyncio.Lock()  # два одновременно стартующих стрима не должны открыть два соединения


def subscriber_count():
    """Сколько стримов открыто в этом процессе прямо сейчас."""
    return len(_queues)


async def start_listening():
    """Открыть соединение LISTEN процесса, один раз: `asyncpg.connect()`, затем `add_listener(CHANNEL, ...)`."""
    global _listener
    async with _opening:  # второй стрим, дошедший сюда, ждёт, пока первый закончит открывать соединение
        if _listener is None or _listener.is_closed():
            connection = await asyncpg.connect()  # PGHOST, PGPORT...: тот же сервер, что и у Django
            await connection.add_listener(CHANNEL, _deliver)  # отправляет LISTEN "news"
            _listener = connection


def _deliver(connection, pid, channel, payload):
    """asyncpg вызывает это в событийном цикле на каждый NOTIFY: передать полезную нагрузку каждому открытому стриму."""
    for queue in list(_queues):
        if not queue.full():  # клиент, который перестал читать, теряет события, а не память сервера
            queue.put_nowait(payload)


async def event_stream():
    """Server-Sent Events: по одному `data: <payload>\\n\\n` на каждый NOTIFY в CHANNEL, пока клиент не уйдёт."""
    await start_listening()
    queue = asyncio.Queue(maxsize=MAX_WAITING)
    _queues.add(queue)
    try:
        while True:
            payload = await queue.get()
            yield f"data: {payload}\n\n"
    finally:
        # Клиент ушёл: Django (5.0+) отменяет стрим на его `await`, а этот код всё равно выполняется.
        _queues.discard(queue)
