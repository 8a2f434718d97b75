"""Settings of the `notes_api` project: a small JSON API, one class-based view.

No apps and no database tables: the notes live in `store.py`. No CSRF middleware either: this
API takes no cookies, so there is no session a forged request could ride on.
Run it with `tutor run` (uvicorn serves `asgi:application`).
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-secret"  # fine for a course; read it from the environment in production
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]  # async-capable, like all of Django's own

ROOT_URLCONF = "urls"

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
