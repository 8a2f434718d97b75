# expect: Catch only `NotFound`
# expect-ru: Перехватывайте только `NotFound`
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = await api.get_user(user_id)
    team = await api.get_team(user["team_id"])
    return user["name"], team["name"]


async def describe(api, user_id):
    try:
        name, team = await user_and_team(api, user_id)
    except Exception as error:  # also hides network errors and bugs
        return f"unknown: {error}"
    return f"{name} ({team})"
