# This little service builds a card for each user at once, yet it serves them one after another:
# calls hidden in it block the event loop. Find them (run `python find_the_blocker.py`, which turns
# on asyncio debug mode, or use your `measure_lag`) and fix them so `dashboard` keeps the loop free
# and its users' cards are built at the same time. Keep `get_json` and `make_token` unchanged.
# Lesson 5: Blocking vs non-blocking (`tutor lesson 5`)

import asyncio
import hashlib
import json
import urllib.request

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy for 127.0.0.1


def get_json(url: str) -> dict:
    """GET `url` and decode its JSON body: a plain, synchronous HTTP call."""
    with _OPENER.open(url, timeout=5) as response:
        return json.load(response)


def make_token(user_id: int) -> str:
    """A session token for the user, from deliberately slow key stretching (like password hashing)."""
    return hashlib.pbkdf2_hmac("sha256", str(user_id).encode(), b"dashboard", 1_000_000).hex()[:16]


async def fetch_profile(base_url: str, user_id: int) -> dict:
    """The user's profile from the profile service."""
    await asyncio.sleep(0.01)  # be polite to the profile service
    return get_json(f"{base_url}/users/{user_id}")


async def user_card(base_url: str, user_id: int) -> dict:
    """What the dashboard shows for one user."""
    profile = await fetch_profile(base_url, user_id)
    token = make_token(user_id)
    return {"name": profile["name"], "token": token}


async def dashboard(base_url: str, user_ids: list[int]) -> list[dict]:
    """The cards of all the users, built at the same time, in the order of `user_ids`."""
    return await asyncio.gather(*(user_card(base_url, user_id) for user_id in user_ids))


if __name__ == "__main__":
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Profiles(BaseHTTPRequestHandler):
        """A slow profile service on 127.0.0.1, running in its own thread."""

        def do_GET(self) -> None:
            time.sleep(0.3)
            user_id = self.path.rsplit("/", 1)[-1]
            body = json.dumps({"id": user_id, "name": f"User {user_id}"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Profiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    start = time.perf_counter()
    # debug=True: asyncio logs every step of a task that holds the loop for 0.1 s or more.
    cards = asyncio.run(dashboard(f"http://127.0.0.1:{server.server_port}", [1, 2, 3]), debug=True)
    print(cards)
    print(f"took {time.perf_counter() - start:.2f} s")
    server.shutdown()
