# expect: stop only when `page.has_next` is false
# expect-ru: останавливайтесь, только когда `page.has_next` ложно
import contextlib


async def iter_items(api):
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            if not page.items:  # "no more items"
                return
            for item in page.items:
                yield item
            if not page.has_next:
                return
            number += 1


async def first_items(api, count):
    found = []
    async with contextlib.aclosing(iter_items(api)) as items:
        async for item in items:
            found.append(item)
            if len(found) == count:
                break
    return found
