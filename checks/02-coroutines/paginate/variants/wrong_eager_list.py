# expect: do not collect every page into a list first
# expect-ru: не собирайте сначала все страницы в список
import contextlib


async def iter_items(api):
    everything = []
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            everything.extend(page.items)
            if not page.has_next:
                break
            number += 1
    for item in everything:  # only now does the consumer get anything
        yield item


async def first_items(api, count):
    found = []
    async with contextlib.aclosing(iter_items(api)) as items:
        async for item in items:
            found.append(item)
            if len(found) == count:
                break
    return found
