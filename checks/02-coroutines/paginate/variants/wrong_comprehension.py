# expect: An async comprehension
# expect-ru: Асинхронное списковое включение
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
    return [item async for item in iter_items(api)][:count]
