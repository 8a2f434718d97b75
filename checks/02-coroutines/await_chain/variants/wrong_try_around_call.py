# expect: must itself be inside the `try:`
# expect-ru: внутри `try:` должна стоять сама строка
class NotFound(Exception):
    pass


async def user_and_team(api, user_id):
    user = await api.get_user(user_id)
    team = await api.get_team(user["team_id"])
    return user["name"], team["name"]


async def describe(api, user_id):
    try:
        pending = user_and_team(api, user_id)  # nothing runs here, so nothing is raised here
    except NotFound as error:
        return f"unknown: {error}"
    name, team = await pending  # the NotFound comes out here, outside the try
    return f"{name} ({team})"
