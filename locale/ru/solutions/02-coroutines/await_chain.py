# Пройдите по цепочке await. `api.get_user(id)` и `api.get_team(id)` — корутинные функции, которые
# возвращают словари ({"name": "Ada", "team_id": 7} и {"name": "Compilers"}); для неизвестного id обе
# выбрасывают `NotFound`. `user_and_team` возвращает два имени, ("Ada", "Compilers"), и пропускает дальше
# любые ошибки. `describe` возвращает "Ada (Compilers)" или, если был выброшен NotFound,
# "unknown: <сообщение из NotFound>"; остальные ошибки проходят дальше.
# Урок 2: Корутины и await (`tutor lesson 2`)

import asyncio
from typing import Any, Protocol


class NotFound(Exception):
    """Это исключение api выбрасывает для неизвестного ему id. Оставьте этот класс как есть."""


class Api(Protocol):
    """Что умеет `api` (проверка передаёт поддельный объект)."""

    async def get_user(self, user_id: int) -> dict[str, Any]: ...

    async def get_team(self, team_id: int) -> dict[str, Any]: ...


async def user_and_team(api: Api, user_id: int) -> tuple[str, str]:
    """Дожидается пользователя, затем его команды; возвращает (имя пользователя, название команды)."""
    # Каждый `await` приостанавливает выполнение здесь, пока вызов api не завершится, а затем отдаёт его
    # результат. NotFound, выброшенный внутри api, выходит из `await` и поднимается дальше, к нашему
    # вызывающему коду.
    user = await api.get_user(user_id)
    team = await api.get_team(user["team_id"])
    return user["name"], team["name"]


async def describe(api: Api, user_id: int) -> str:
    """Возвращает "Ada (Compilers)" или "unknown: no user 42", если api выбросил NotFound."""
    # Исключение выбрасывается там, где корутину дожидаются через await, поэтому `await` стоит внутри
    # `try`. Здесь ожидается только NotFound: всё остальное (сетевая ошибка, баг) должно дойти до
    # вызывающего кода.
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
