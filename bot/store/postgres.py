"""PostgreSQL for several instances: psycopg 3 with asynchronous connection pools.

Statements never block the event loop, and every statement and every wait for a connection
is bounded by a timeout. Repositories write `?` placeholders; they become psycopg's `%s`
here. A turn of one conversation holds an advisory lock on a connection of its own pool, so
two instances never run turns of one conversation at the same time; when an instance dies
its connections close and PostgreSQL releases its locks at once.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool

from bot.store.database import (
    POSTGRESQL,
    Database,
    DatabaseUnavailable,
    Row,
    TurnLockUnavailable,
    redacted,
    scrubbed,
)
from bot.store.schema import migrate

log = logging.getLogger(__name__)

LOCK_POOL_FACTOR = 3  # connections that may hold a conversation's lock, per query connection
LOCK_SECONDS = 6.0  # waiting for a lock connection and the lock: leaves time to apologise
RECONNECT_SECONDS = 4.0
_LOCK = "SELECT pg_advisory_lock(hashtextextended(%s, 0))"
_UNLOCK = "SELECT pg_advisory_unlock(hashtextextended(%s, 0))"


def open_postgres(url: str, *, timeout_seconds: float, pool_size: int) -> PostgresDatabase:
    """Migrate (one instance at a time, under an advisory lock), then pool connections."""
    try:
        with psycopg.connect(url, connect_timeout=max(1, round(timeout_seconds))) as connection:
            migrate(connection, "%s", postgresql=True)
    except psycopg.Error as error:
        # libpq's message may quote the URL: the password is taken out of both.
        raise DatabaseUnavailable(
            f"database {redacted(url)} could not be opened: {scrubbed(str(error), url)}"
        ) from None
    return PostgresDatabase(url, timeout_seconds=timeout_seconds, pool_size=pool_size)


@functools.lru_cache(maxsize=1024)
def _sql(text: str) -> str:
    """SQLite-style placeholders as psycopg's (a literal % doubled)."""
    return text.replace("%", "%%").replace("?", "%s")


class _Row:
    """A row by position or by column name, like sqlite3.Row."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: Sequence[Any]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._names[key] if isinstance(key, str) else key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)


def _rows(cursor: Any) -> Any:
    names = {column.name: index for index, column in enumerate(cursor.description or ())}
    return functools.partial(_Row, names)


class _PostgresTransaction:
    def __init__(self, connection: psycopg.AsyncConnection[Any]) -> None:
        self._connection = connection

    async def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        cursor = await self._connection.execute(_sql(sql), parameters)
        rows: list[Row] = await cursor.fetchall()
        return rows

    async def one(self, sql: str, parameters: Sequence[Any] = ()) -> Row | None:
        cursor = await self._connection.execute(_sql(sql), parameters)
        row: Row | None = await cursor.fetchone()
        return row

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        cursor = await self._connection.execute(_sql(sql), parameters)
        return cursor.rowcount

    async def insert(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        row = await self.one(f"{sql} RETURNING id", parameters)
        assert row is not None  # an INSERT ... RETURNING of one row returns it
        return int(row[0])

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = list(rows)
        if batch:
            async with self._connection.cursor() as cursor:
                await cursor.executemany(_sql(sql), batch)


class PostgresDatabase(Database):
    dialect = POSTGRESQL

    def __init__(self, url: str, *, timeout_seconds: float, pool_size: int) -> None:
        self._pools = (
            _pool(url, "queries", pool_size, timeout_seconds, timeout_seconds),
            _pool(url, "turns", pool_size * LOCK_POOL_FACTOR, LOCK_SECONDS, LOCK_SECONDS),
        )

    async def _open(self) -> tuple[AsyncConnectionPool[Any], AsyncConnectionPool[Any]]:
        for pool in self._pools:
            await pool.open()  # once per pool, in the event loop that uses it
        return self._pools

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_PostgresTransaction]:
        queries, _ = await self._open()
        async with queries.connection() as connection, connection.transaction():
            yield _PostgresTransaction(connection)

    async def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        queries, _ = await self._open()
        async with queries.connection() as connection:  # autocommit: one statement
            return await _PostgresTransaction(connection).query(sql, parameters)

    async def one(self, sql: str, parameters: Sequence[Any] = ()) -> Row | None:
        queries, _ = await self._open()
        async with queries.connection() as connection:
            return await _PostgresTransaction(connection).one(sql, parameters)

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        queries, _ = await self._open()
        async with queries.connection() as connection:
            return await _PostgresTransaction(connection).execute(sql, parameters)

    @asynccontextmanager
    async def conversation_turn(self, key: str) -> AsyncIterator[None]:
        """`TurnLockUnavailable` when the lock is not had within LOCK_SECONDS (no database,
        or every lock connection busy): the caller answers without touching the state."""
        _, turns = await self._open()
        connection = None
        try:
            async with asyncio.timeout(LOCK_SECONDS):
                connection = await turns.getconn()
                await connection.execute(_LOCK, (key,))
        except BaseException as error:
            if connection is not None:
                # The lock may still be granted after a cancel: it ends with its connection.
                await connection.close()
                await turns.putconn(connection)
            if isinstance(error, TimeoutError | psycopg.Error):
                raise TurnLockUnavailable(f"no conversation lock: {type(error).__name__}") from None
            raise
        try:
            yield
        finally:
            try:
                await connection.execute(_UNLOCK, (key,))
            except BaseException:
                # Never hand on a connection that may still hold the lock: closing it makes
                # PostgreSQL release it.
                await connection.close()
                raise
            finally:
                await turns.putconn(connection)

    async def close(self) -> None:
        for pool in self._pools:
            await pool.close()


def _pool(
    url: str, name: str, size: int, wait_seconds: float, statement_seconds: float
) -> AsyncConnectionPool[Any]:
    async def configure(connection: psycopg.AsyncConnection[Any]) -> None:
        milliseconds = int(statement_seconds * 1000)
        await connection.execute(f"SET statement_timeout = {milliseconds}")

    return AsyncConnectionPool(
        url,
        name=name,
        min_size=1,
        max_size=size,
        timeout=wait_seconds,
        open=False,
        # A reconnection attempt backs off exponentially until it gives up; the next wait for
        # a connection starts a fresh one. Giving up early keeps the retries close together,
        # so that after an outage the pool is back within seconds, not half a minute.
        reconnect_timeout=RECONNECT_SECONDS,
        configure=configure,
        # A connection that died while idle (the database restarted) is replaced before use.
        check=AsyncConnectionPool.check_connection,
        kwargs={
            "autocommit": True,
            "row_factory": _rows,
            "connect_timeout": max(1, round(wait_seconds)),
        },
    )
