# expect: `get_json` ran 3 time(s) on the event loop's own thread
# expect-ru: Функция `get_json` выполнилась в собственном потоке событийного цикла 3 раза
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


async def fetch_profile(base_url: str, user_id: int) -> dict:
    await asyncio.sleep(0.01)
    return get_json(f"{base_url}/users/{user_id}")


async def user_card(base_url: str, user_id: int) -> dict:
    profile = await fetch_profile(base_url, user_id)
    token = await asyncio.to_thread(make_token, user_id)
    return {"name": profile["name"], "token": token}


async def dashboard(base_url: str, user_ids: list[int]) -> list[dict]:
    return await asyncio.gather(*(user_card(base_url, user_id) for user_id in user_ids))
