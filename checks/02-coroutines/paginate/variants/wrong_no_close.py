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
    async for item in iter_items(api):
        found.append(item)
        if len(found) == count:
            break  # the generator is left paused, its session open
    return found
