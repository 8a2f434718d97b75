"""Settings of the lab's demo project: no apps, no database, no logging of requests."""

SECRET_KEY = "tutor-lab-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "tutor.lab_app.urls"
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
