"""Settings of the `dashboard` project: as small as a Django project gets.

No apps, no middleware: one async view in front of three slow upstream services.
Run it with `tutor run` (uvicorn serves `asgi:application`).
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-secret"  # fine for a course; read it from the environment in production
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []

ROOT_URLCONF = "urls"

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
