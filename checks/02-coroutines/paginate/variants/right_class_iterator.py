# Another correct answer: the async iterator protocol written out by hand (__aiter__, __anext__, aclose),
# and first_items closing it in a `finally:`.
class iter_items:
    def __init__(self, api):
        self._api = api
        self._session_manager = None
        self._session = None
        self._buffer = []
        self._next_page = 1
        self._last_page_seen = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        while not self._buffer:
            if self._last_page_seen:
                await self.aclose()
                raise StopAsyncIteration
            if self._session is None:
                self._session_manager = self._api.session()
                self._session = await self._session_manager.__aenter__()
            page = await self._session.get_page(self._next_page)
            self._next_page += 1
            self._buffer.extend(page.items)
            self._last_page_seen = not page.has_next
        return self._buffer.pop(0)

    async def aclose(self):
        manager, self._session_manager = self._session_manager, None
        if manager is not None:
            await manager.__aexit__(None, None, None)


async def first_items(api, count):
    items = iter_items(api)
    taken = []
    try:
        while len(taken) < count:
            try:
                taken.append(await anext(items))
            except StopAsyncIteration:
                break
    finally:
        await items.aclose()
    return taken
