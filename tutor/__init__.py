"""async-django-tutor: an interactive terminal course on asynchronous Python and async Django."""

from __future__ import annotations

__version__ = "0.1.0"
