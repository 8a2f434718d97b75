# Another correct answer: nested awaits in one expression, `str(error)`, and try/except/else in describe.
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = await api.get_user(user_id)
    return user["name"], (await api.get_team(user["team_id"]))["name"]


async def describe(api, user_id):
    try:
        pair = await user_and_team(api, user_id)
    except NotFound as error:
        return "unknown: " + str(error)
    else:
        return "{} ({})".format(*pair)
