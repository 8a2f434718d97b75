# Откройте один пул asyncpg на всю программу и используйте его совместно: `open_pool()` создаёт пул от
# MIN_SIZE до MAX_SIZE соединений с именем POOL_NAME (сервер показывает его как их application_name),
# `fetch_titles` берёт соединение на один запрос и возвращает его, а `close_pool` закрывает все соединения.
# `tutor run` создаёт небольшую таблицу на одноразовом сервере PostgreSQL и запускает `main()`.
# Урок 17: PostgreSQL, настоящий асинхронный драйвер (необязательная часть) (`tutor lesson 17`)

import asyncio

import asyncpg

POOL_NAME = "shelf-app"  # передайте его как server_settings={"application_name": POOL_NAME}
MIN_SIZE = 2  # соединения, открываемые сразу и остающиеся открытыми при простое
MAX_SIZE = 4  # одновременно не больше стольких соединений: остальные вызывающие ждут свободного

TITLES_SQL = "SELECT title FROM books WHERE title LIKE $1 || '%' ORDER BY title"


async def open_pool():
    """Новый пул asyncpg к серверу из PGHOST/PGPORT/... (asyncpg читает их, если адрес не передан)."""
    raise NotImplementedError("создайте пул с его размерами и application_name")


async def fetch_titles(pool, prefix):
    """Названия из `books`, начинающиеся с `prefix`, отсортированные, списком str (всё делает TITLES_SQL)."""
    raise NotImplementedError("возьмите из пула соединение для этого одного запроса")


async def close_pool(pool):
    """Закрыть пул: аккуратно закрыть все соединения, которые он держит."""
    raise NotImplementedError("закройте пул")


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
