# expect: new connection per query
# expect-ru: новое соединение на каждый запрос
# Write `run_all(pool, queries)`: run every query at the same time through the asyncpg `pool` and return
# their results (one value each, `fetchval`) in the order of `queries`. Each query is a `(sql, args)` pair.
# One connection runs one query at a time, so each query needs a connection of its own from the pool.
# `tutor run` runs `main()` against a throwaway PostgreSQL server and prints the timings.
# Lesson 17: PostgreSQL, a real async driver (optional track) (`tutor lesson 17`)

import asyncio
import time

import asyncpg

# Three slow queries: each sleeps on the server, then returns its number.
SLOW = [("SELECT $2::int FROM pg_sleep($1)", (0.3, number)) for number in (1, 2, 3)]


async def run_all(pool, queries):
    """The results of `queries` (a list of (sql, args)), run concurrently over `pool`, in their order."""

    async def one(sql, args):
        connection = await asyncpg.connect()
        try:
            return await connection.fetchval(sql, *args)
        finally:
            await connection.close()

    return await asyncio.gather(*(one(sql, args) for sql, args in queries))


async def main():
    # No arguments: asyncpg reads PGHOST, PGPORT, PGUSER and PGDATABASE (tutor run sets them).
    async with asyncpg.create_pool(min_size=3, max_size=3) as pool:
        started = time.perf_counter()
        results = await run_all(pool, SLOW)
        print(f"{results} in {time.perf_counter() - started:.2f} s (three 0.3 s queries)")


if __name__ == "__main__":
    asyncio.run(main())
