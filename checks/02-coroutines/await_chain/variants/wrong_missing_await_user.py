# expect: did you forget `await`
# expect-ru: Может быть, вы забыли `await`
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = api.get_user(user_id)  # a coroutine object, not the user's dict
    team = await api.get_team(user["team_id"])
    return user["name"], team["name"]


async def describe(api, user_id):
    try:
        name, team = await user_and_team(api, user_id)
    except NotFound as error:
        return f"unknown: {error}"
    return f"{name} ({team})"
