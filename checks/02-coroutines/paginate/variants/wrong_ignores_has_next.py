# expect: Stop right after the page whose `has_next` is false
# expect-ru: Останавливайтесь сразу после страницы, у которой `has_next` ложно
import contextlib


async def iter_items(api):
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            for item in page.items:
                yield item
            number += 1  # keeps going until... an empty page?


async def first_items(api, count):
    found = []
    async with contextlib.aclosing(iter_items(api)) as items:
        async for item in items:
            found.append(item)
            if len(found) == count:
                break
    return found
