# expect: with the message the NotFound carries
# expect-ru: с сообщением, которое несёт NotFound
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = await api.get_user(user_id)
    team = await api.get_team(user["team_id"])
    return user["name"], team["name"]


async def describe(api, user_id):
    try:
        name, team = await user_and_team(api, user_id)
    except NotFound:
        return "unknown"
    return f"{name} ({team})"
