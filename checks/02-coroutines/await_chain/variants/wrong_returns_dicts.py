# expect: Return just the names
# expect-ru: Верните только имена
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = await api.get_user(user_id)
    team = await api.get_team(user["team_id"])
    return user, team


async def describe(api, user_id):
    try:
        user, team = await user_and_team(api, user_id)
    except NotFound as error:
        return f"unknown: {error}"
    return f"{user['name']} ({team['name']})"
