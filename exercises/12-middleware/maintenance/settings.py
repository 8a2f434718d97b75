"""Settings of the maintenance project (lesson 12): a shop page, one model app (`switches`) and
your middleware, behind Django's CommonMiddleware.

A flat layout: this folder is the project, so the settings module is `settings` and the URLconf `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-maintenance"  # fine for a course; a real project reads it from the environment
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["switches"]  # the Switch model: named on/off flags stored in the database
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",  # async-capable (MiddlewareMixin)
    "middleware.MaintenanceMiddleware",  # yours, in middleware.py
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

# With DEBUG = True, Django logs on `django.request` (at DEBUG level) every place where it had to
# adapt a handler between sync and async while building the middleware chain: show those lines in
# the server's console, so `tutor run` tells you when a middleware costs a thread hop.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "DEBUG"}},
}
