# expect: gave back a coroutine object, not an async generator
# expect-ru: возвращает объект корутины, а не асинхронный генератор


async def iter_items(api):
    items = []
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            items.extend(page.items)
            if not page.has_next:
                return items
            number += 1


async def first_items(api, count):
    return (await iter_items(api))[:count]
