# expect: a pair holding a coroutine object
# expect-ru: пару, в которой лежит объект корутины
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = await api.get_user(user_id)
    return user["name"], api.get_team(user["team_id"])


async def describe(api, user_id):
    try:
        name, team = await user_and_team(api, user_id)
    except NotFound as error:
        return f"unknown: {error}"
    return f"{name} ({team})"
