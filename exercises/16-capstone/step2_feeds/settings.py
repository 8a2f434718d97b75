"""Settings of the notifications board (a flat layout: everything sits in this folder).

Serve it with `tutor run` (uvicorn, `asgi:application`); `python manage.py migrate` creates db.sqlite3.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-key-never-use-in-production"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["notices"]  # the board's model; nothing else is needed
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The external feeds POST /api/refresh/ pulls (a path is this server's own fake feeds, fakefeeds.py)
# and how long one feed may take, in seconds, before the refresh gives up on it.
BOARD_FEEDS = ["/fake-feeds/alpha.json", "/fake-feeds/beta.json", "/fake-feeds/slow.json"]
BOARD_FEED_TIMEOUT = 1.0
