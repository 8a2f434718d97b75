# expect: Did you forget `await` before `session.get_page(...)`?
# expect-ru: Может быть, вы забыли `await` перед `session.get_page(...)`?
import contextlib


async def iter_items(api):
    async with api.session() as session:
        number = 1
        while True:
            page = session.get_page(number)
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
