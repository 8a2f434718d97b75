"""Настройки доски объявлений (плоская структура: всё лежит в этой папке).

Запускайте её через `tutor run` (uvicorn, `asgi:application`); `python manage.py migrate` создаёт db.sqlite3.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-key-never-use-in-production"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["notices"]  # модель доски; больше ничего не нужно
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",  # синхронный и асинхронный; спрашивает, корутина ли следующий
    "middleware.BoardMiddleware",  # ваш, в middleware.py
]
ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Внешние ленты, которые забирает POST /api/refresh/ (путь означает собственные поддельные ленты этого
# сервера, fakefeeds.py), и сколько секунд может занять одна лента, прежде чем обновление перестанет
# её ждать.
BOARD_FEEDS = ["/fake-feeds/alpha.json", "/fake-feeds/beta.json", "/fake-feeds/slow.json"]
BOARD_FEED_TIMEOUT = 1.0

# Открытый стрим событий, которому нечего сказать, с такой периодичностью (в секундах) отправляет строку
# комментария, чтобы прокси и браузеры не закрыли его как простаивающий.
BOARD_KEEPALIVE = 15.0
