# expect: Remove the try/except from `user_and_team`
# expect-ru: Уберите `try`/`except` из `user_and_team`
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    try:
        user = await api.get_user(user_id)
        team = await api.get_team(user["team_id"])
    except NotFound:
        return None  # "handled"
    return user["name"], team["name"]


async def describe(api, user_id):
    result = await user_and_team(api, user_id)
    if result is None:
        return "unknown"
    return f"{result[0]} ({result[1]})"
