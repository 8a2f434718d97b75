# Another correct answer: the whole synchronous part of a card runs in one worker thread.
import asyncio
import hashlib
import json
import urllib.request

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str) -> dict:
    with _OPENER.open(url, timeout=5) as response:
        return json.load(response)


def make_token(user_id: int) -> str:
    return hashlib.pbkdf2_hmac("sha256", str(user_id).encode(), b"dashboard", 1_000_000).hex()[:16]


def card_sync(base_url: str, user_id: int) -> dict:
    profile = get_json(f"{base_url}/users/{user_id}")
    return {"name": profile["name"], "token": make_token(user_id)}


async def dashboard(base_url: str, user_ids: list[int]) -> list[dict]:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(asyncio.to_thread(card_sync, base_url, user_id)) for user_id in user_ids]
    return [task.result() for task in tasks]
