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
    raise NotImplementedError("await api.get_user(user_id), then api.get_team(...) with the user's team_id")


async def describe(api: Api, user_id: int) -> str:
    """Return "Ada (Compilers)", or "unknown: no user 42" when the api raised NotFound."""
    raise NotImplementedError("await user_and_team(api, user_id) inside a try that catches NotFound")


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
