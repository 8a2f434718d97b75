# Another correct answer: an async HTTP client instead of urllib, and run_in_executor for the token.
import asyncio
import hashlib
import json
import urllib.request

import httpx

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str) -> dict:
    with _OPENER.open(url, timeout=5) as response:
        return json.load(response)


def make_token(user_id: int) -> str:
    return hashlib.pbkdf2_hmac("sha256", str(user_id).encode(), b"dashboard", 1_000_000).hex()[:16]


async def user_card(client: httpx.AsyncClient, user_id: int) -> dict:
    await asyncio.sleep(0.01)
    response = await client.get(f"/users/{user_id}")
    profile = response.json()
    loop = asyncio.get_running_loop()
    token = await loop.run_in_executor(None, make_token, user_id)
    return {"name": profile["name"], "token": token}


async def dashboard(base_url: str, user_ids: list[int]) -> list[dict]:
    async with httpx.AsyncClient(base_url=base_url, trust_env=False) as client:
        return await asyncio.gather(*(user_card(client, user_id) for user_id in user_ids))
