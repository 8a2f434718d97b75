# expect: the session was still open
# expect-ru: сессия всё ещё была открыта
async def iter_items(api):
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            for item in page.items:
                yield item
            if not page.has_next:
                return
            number += 1


async def first_items(api, count):
    found = []
    items = iter_items(api)
    try:
        async for item in items:
            found.append(item)
            if len(found) == count:
                break
    finally:
        items.aclose()  # creates the closing awaitable, but nothing runs it
    return found
