"""Сервис заметок, с которым работает представление. В жизни это был бы удалённый API или сервер
кеша; здесь он хранит заметки в памяти и немного ждёт, не блокируя, как ждал бы ответа по сети.
Проверка подменяет обе функции заглушками, которые считают, сколько вызовов ждут одновременно.
"""

import asyncio

LATENCY = 0.05  # секунд на вызов

_notes: list[dict] = [{"id": 1, "text": "Try GET and POST on /notes/"}]


async def list_notes() -> list[dict]:
    """Все заметки, от старых к новым: словари с ключами "id" и "text"."""
    await asyncio.sleep(LATENCY)
    return [dict(note) for note in _notes]


async def add_note(text: str) -> dict:
    """Сохраняет новую заметку и возвращает её вместе с id, который присвоило хранилище."""
    await asyncio.sleep(LATENCY)
    note = {"id": max((n["id"] for n in _notes), default=0) + 1, "text": text}
    _notes.append(note)
    return dict(note)
