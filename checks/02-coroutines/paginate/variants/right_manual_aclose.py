# Another correct answer: a `has_next` flag drives the loop, and first_items calls aclose() itself
# in a `finally:`, returning from inside the `async for`.
async def iter_items(api):
    async with api.session() as session:
        page_number = 0
        has_next = True
        while has_next:
            page_number += 1
            page = await session.get_page(page_number)
            has_next = page.has_next
            for item in page.items:
                yield item


async def first_items(api, count):
    result = []
    if count < 1:
        return result
    items = iter_items(api)
    try:
        async for item in items:
            result.append(item)
            if len(result) == count:
                return result
    finally:
        await items.aclose()
    return result
