# expect: not `for`
# expect-ru: а не через `for`
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
    for item in iter_items(api):
        found.append(item)
        if len(found) == count:
            break
    return found
