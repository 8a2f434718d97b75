# expect: do not catch it and raise a new one
# expect-ru: не перехватывайте его и не выбрасывайте новое
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    try:
        user = await api.get_user(user_id)
        team = await api.get_team(user["team_id"])
    except NotFound:
        raise NotFound("something is missing") from None
    return user["name"], team["name"]


async def describe(api, user_id):
    try:
        name, team = await user_and_team(api, user_id)
    except NotFound as error:
        return f"unknown: {error}"
    return f"{name} ({team})"
