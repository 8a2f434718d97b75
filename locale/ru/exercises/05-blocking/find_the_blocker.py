# Этот небольшой сервис собирает карточки всех пользователей сразу, но обслуживает их одну за другой:
# спрятанные в нём вызовы блокируют событийный цикл. Найдите их (запустите `python find_the_blocker.py`,
# который включает режим отладки asyncio, или возьмите свою `measure_lag`) и исправьте так, чтобы
# `dashboard` не занимала цикл, а карточки её пользователей собирались одновременно. Функции
# `get_json` и `make_token` не меняйте.
# Урок 5: Блокирующий и неблокирующий код (`tutor lesson 5`)

import asyncio
import hashlib
import json
import urllib.request

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # без прокси для 127.0.0.1


def get_json(url: str) -> dict:
    """Запрашивает `url` методом GET и декодирует JSON из тела ответа: обычный синхронный HTTP-вызов."""
    with _OPENER.open(url, timeout=5) as response:
        return json.load(response)


def make_token(user_id: int) -> str:
    """Токен сессии пользователя, полученный намеренно медленным усилением ключа (как при хешировании паролей)."""
    return hashlib.pbkdf2_hmac("sha256", str(user_id).encode(), b"dashboard", 1_000_000).hex()[:16]


async def fetch_profile(base_url: str, user_id: int) -> dict:
    """Профиль пользователя из сервиса профилей."""
    await asyncio.sleep(0.01)  # вежливая пауза перед обращением к сервису профилей
    return get_json(f"{base_url}/users/{user_id}")


async def user_card(base_url: str, user_id: int) -> dict:
    """То, что панель показывает для одного пользователя."""
    profile = await fetch_profile(base_url, user_id)
    token = make_token(user_id)
    return {"name": profile["name"], "token": token}


async def dashboard(base_url: str, user_ids: list[int]) -> list[dict]:
    """Карточки всех пользователей, собранные одновременно, в порядке `user_ids`."""
    return await asyncio.gather(*(user_card(base_url, user_id) for user_id in user_ids))


if __name__ == "__main__":
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Profiles(BaseHTTPRequestHandler):
        """Медленный сервис профилей на 127.0.0.1; работает в собственном потоке."""

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
    # debug=True: asyncio пишет в лог каждый шаг задачи, который занимает цикл на 0,1 с или дольше.
    cards = asyncio.run(dashboard(f"http://127.0.0.1:{server.server_port}", [1, 2, 3]), debug=True)
    print(cards)
    print(f"took {time.perf_counter() - start:.2f} s")
    server.shutdown()
