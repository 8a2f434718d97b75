# Write `BoardMiddleware`, an ASYNC-ONLY class middleware (no thread hop under ASGI): flag the class,
# mark each instance with markcoroutinefunction, and await get_response. On every response set
# `X-Request-ID` (a new uuid4 hex); on ordinary responses also `Server-Timing: app;dur=<ms>`. A streaming
# response must stay a stream: never touch `response.content`; wrap `response.streaming_content` in an
# async generator that counts the open streams in `stats["open_streams"]` (up when it starts, down when it ends).
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import time
import uuid

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

stats = {"open_streams": 0}  # GET /api/status/ shows it


class BoardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
