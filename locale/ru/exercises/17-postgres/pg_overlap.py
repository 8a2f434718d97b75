# Напишите `run_all(pool, queries)`: выполните все запросы одновременно через `pool` из asyncpg и верните
# их результаты (по одному значению на запрос, `fetchval`) в порядке `queries`. Каждый запрос — пара
# `(sql, args)`. Одно соединение выполняет один запрос за раз, поэтому каждому запросу нужно собственное
# соединение из пула.
# `tutor run` запускает `main()` на одноразовом сервере PostgreSQL и печатает замеры времени.
# Урок 17: PostgreSQL, настоящий асинхронный драйвер (необязательная часть) (`tutor lesson 17`)

import asyncio
import time

import asyncpg

# Три медленных запроса: каждый засыпает на сервере, а затем возвращает свой номер.
SLOW = [("SELECT $2::int FROM pg_sleep($1)", (0.3, number)) for number in (1, 2, 3)]


async def run_all(pool, queries):
    """Результаты `queries` (список пар (sql, args)), выполненных конкурентно через `pool`, в их порядке."""
    raise NotImplementedError("выполните все запросы одновременно через пул, результаты по порядку")


async def main():
    # Без аргументов: asyncpg читает PGHOST, PGPORT, PGUSER и PGDATABASE (их задаёт `tutor run`).
    async with asyncpg.create_pool(min_size=3, max_size=3) as pool:
        started = time.perf_counter()
        results = await run_all(pool, SLOW)
        print(f"{results} in {time.perf_counter() - started:.2f} s (three 0.3 s queries)")


if __name__ == "__main__":
    asyncio.run(main())
