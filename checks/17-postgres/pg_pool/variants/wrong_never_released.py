# expect: never gave it back
# expect-ru: так и не вернула его
# Open one asyncpg pool for the whole program and share it: `open_pool()` makes a pool of MIN_SIZE to
# MAX_SIZE connections named POOL_NAME (the server shows it as their application_name), `fetch_titles`
# borrows a connection for one query and gives it back, and `close_pool` closes every connection.
# `tutor run` creates a small table on a throwaway PostgreSQL server and runs `main()`.
# Lesson 17: PostgreSQL, a real async driver (optional track) (`tutor lesson 17`)

import asyncio

import asyncpg

POOL_NAME = "shelf-app"  # pass it as server_settings={"application_name": POOL_NAME}
MIN_SIZE = 2  # connections opened at once, kept open when idle
MAX_SIZE = 4  # never more than this many at a time: callers beyond it wait for a free one

TITLES_SQL = "SELECT title FROM books WHERE title LIKE $1 || '%' ORDER BY title"


async def open_pool():
    """A new asyncpg pool to the server in PGHOST/PGPORT/... (asyncpg reads them when given no address)."""
    return await asyncpg.create_pool(
        min_size=MIN_SIZE, max_size=MAX_SIZE, server_settings={"application_name": POOL_NAME}
    )


async def fetch_titles(pool, prefix):
    """The titles of `books` starting with `prefix`, sorted, as a list of str (TITLES_SQL does the work)."""
    connection = await pool.acquire()
    rows = await connection.fetch(TITLES_SQL, prefix)
    return [row["title"] for row in rows]


async def close_pool(pool):
    """Close the pool: every connection it holds, gracefully."""
    await pool.close()


async def main():
    pool = await open_pool()
    try:
        await pool.execute(
            "CREATE TABLE IF NOT EXISTS books (title text PRIMARY KEY);"
            "INSERT INTO books VALUES ('Dune'), ('Dracula'), ('Emma'), ('Middlemarch') ON CONFLICT DO NOTHING"
        )
        found = await asyncio.gather(*(fetch_titles(pool, prefix) for prefix in ["D", "E", "M", "X"]))
        print(found)
        named = await pool.fetchval("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", POOL_NAME)
        print(f"{named} connections named {POOL_NAME!r} on the server")
    finally:
        await close_pool(pool)


if __name__ == "__main__":
    asyncio.run(main())
