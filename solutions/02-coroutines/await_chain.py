# Follow a chain of awaits. `api.get_user(id)` and `api.get_team(id)` are coroutine functions returning
# dicts ({"name": "Ada", "team_id": 7} and {"name": "Compilers"}); both raise `NotFound` for an unknown id.
# `user_and_team` returns the two names, ("Ada", "Compilers"), and lets every error through. `describe`
# returns "Ada (Compilers)", or "unknown: <the NotFound's message>" if NotFound was raised; others pass.
# Lesson 2: Coroutines and await (`tutor lesson 2`)

import asyncio
from typing import Any, Protocol


class NotFound(Exception):
    """The api raises this for an id it does not know. Keep this class as it is."""


class Api(Protocol):
    """What `api` offers (the check passes in a fake one)."""

    async def get_user(self, user_id: int) -> dict[str, Any]: ...

    async def get_team(self, team_id: int) -> dict[str, Any]: ...


async def user_and_team(api: Api, user_id: int) -> tuple[str, str]:
    """Await the user, then that user's team; return (user name, team name)."""
    # Each `await` suspends here until the api call is done, then gives its return value. A NotFound
    # raised inside the api comes out of the `await` and carries on up to our caller.
    user = await api.get_user(user_id)
    team = await api.get_team(user["team_id"])
    return user["name"], team["name"]


async def describe(api: Api, user_id: int) -> str:
    """Return "Ada (Compilers)", or "unknown: no user 42" when the api raised NotFound."""
    # The exception is raised where the coroutine is awaited, so the `await` goes inside the `try`.
    # Only NotFound is expected here: anything else (a network error, a bug) must reach the caller.
    try:
        name, team = await user_and_team(api, user_id)
    except NotFound as error:
        return f"unknown: {error}"
    return f"{name} ({team})"


if __name__ == "__main__":

    class DemoApi:
        async def get_user(self, user_id: int) -> dict[str, Any]:
            await asyncio.sleep(0.1)
            if user_id != 1:
                raise NotFound(f"no user {user_id}")
            return {"name": "Ada", "team_id": 7}

        async def get_team(self, team_id: int) -> dict[str, Any]:
            await asyncio.sleep(0.1)
            return {"name": "Compilers"}

    print(asyncio.run(describe(DemoApi(), 1)))  # Ada (Compilers)
    print(asyncio.run(describe(DemoApi(), 42)))  # unknown: no user 42
