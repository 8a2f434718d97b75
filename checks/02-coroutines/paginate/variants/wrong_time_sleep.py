# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import contextlib
import time


async def iter_items(api):
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            for item in page.items:
                yield item
            if not page.has_next:
                return
            time.sleep(0.25)  # "be gentle with the API" (but this freezes the whole event loop)
            number += 1


async def first_items(api, count):
    found = []
    async with contextlib.aclosing(iter_items(api)) as items:
        async for item in items:
            found.append(item)
            if len(found) == count:
                break
    return found
