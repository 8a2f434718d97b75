"""The app's ONE shared HTTP client for talking to other services.

An `httpx.AsyncClient` keeps a pool of open connections: make one and share it, never one per request.
It belongs to the event loop it first ran in (using it from another loop fails with "Event loop is
closed"), so there is one per loop: under uvicorn that is one for the whole process. Django has no
lifespan events to close it at shutdown; the process ending closes its sockets.
"""

import asyncio
import weakref

import httpx

_clients = weakref.WeakKeyDictionary()  # event loop -> its client


def shared_client():
    """The running event loop's shared AsyncClient (made on first use)."""
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None:
        # No timeout here: every call says how long it may take (see feeds.py).
        client = _clients[loop] = httpx.AsyncClient(timeout=None, headers={"User-Agent": "board/1.0"})
    return client
