# expect: must be a coroutine function
# expect-ru: должна быть корутинной
import asyncio


class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = await api.get_user(user_id)
    team = await api.get_team(user["team_id"])
    return user["name"], team["name"]


def describe(api, user_id):
    try:
        name, team = asyncio.run(user_and_team(api, user_id))
    except NotFound as error:
        return f"unknown: {error}"
    return f"{name} ({team})"
