# Write `refresh_feeds(client, urls)`: fetch every feed at once with the `client` you are given (the app's
# one shared httpx.AsyncClient), each fetch limited to settings.BOARD_FEED_TIMEOUT seconds. A feed that
# fails (a network error, an error status, a timeout, bad JSON) is logged with `logger.warning` and
# skipped. Save each item as a Notice at most once (its "id" goes in `external_id`, which is unique) and
# return how many notices were new. A feed is {"source": "alpha", "items": [{"id", "title", "body"}, ...]}.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import logging

from django.conf import settings
from notices.models import Notice

logger = logging.getLogger("board.feeds")


async def refresh_feeds(client, urls):
    """Fetch the feeds at `urls` concurrently through `client`; store the new items; return how many."""
    raise NotImplementedError("fetch the feeds, store the new items")
