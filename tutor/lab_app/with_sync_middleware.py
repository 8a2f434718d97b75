"""The learner's project settings plus one sync-only middleware at the end of the chain (the middleware
experiment serves the project twice: as it is, and with this). Needs the project folder on sys.path."""

from settings import *  # type: ignore[import-not-found]  # noqa: F403

MIDDLEWARE = [*MIDDLEWARE, "tutor.lab_app.middleware.sync_only"]  # type: ignore[has-type]  # noqa: F405
