"""The notes service the view talks to. In real life it would be a remote API or a cache server;
here it keeps notes in memory and waits a little, without blocking, as a network round trip would.
The check replaces both functions with fakes that count how many calls are waiting at once.
"""

import asyncio

LATENCY = 0.05  # seconds per call

_notes: list[dict] = [{"id": 1, "text": "Try GET and POST on /notes/"}]


async def list_notes() -> list[dict]:
    """Every note, oldest first: dicts with an "id" and a "text"."""
    await asyncio.sleep(LATENCY)
    return [dict(note) for note in _notes]


async def add_note(text: str) -> dict:
    """Save a new note and return it, with the id the store gave it."""
    await asyncio.sleep(LATENCY)
    note = {"id": max((n["id"] for n in _notes), default=0) + 1, "text": text}
    _notes.append(note)
    return dict(note)
