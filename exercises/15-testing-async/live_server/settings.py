"""Settings of this exercise's small Django project (a flat layout: everything sits in this folder).

Serve it with `tutor run` (uvicorn, `asgi:application`). No view touches the database.
`python manage.py test` runs your tests.py.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-key-never-use-in-production"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = []  # no models: a slow view and a stream, served for real in the tests
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "middleware.ServerTimingMiddleware",  # adds a Server-Timing header (middleware.py)
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
