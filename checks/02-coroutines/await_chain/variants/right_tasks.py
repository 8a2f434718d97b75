# Another correct answer: await Tasks instead of the coroutines (exceptions travel through a Task too),
# and describe written without user_and_team's help.
import asyncio


class NotFound(Exception):
    """Raised by the api for an unknown id."""


async def user_and_team(api, user_id: int) -> tuple[str, str]:
    user = await asyncio.create_task(api.get_user(user_id))
    team = await asyncio.ensure_future(api.get_team(user["team_id"]))
    return (user["name"], team["name"])


async def describe(api, user_id: int) -> str:
    try:
        user = await api.get_user(user_id)
        team = await api.get_team(user["team_id"])
    except NotFound as missing:
        return f"unknown: {missing.args[0]}"
    return f"{user['name']} ({team['name']})"
