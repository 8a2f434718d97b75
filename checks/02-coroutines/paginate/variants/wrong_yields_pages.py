# expect: whole pages, not items
# expect-ru: целые страницы, а не элементы
import contextlib


async def iter_items(api):
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            yield page.items
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
