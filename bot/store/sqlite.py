"""The embedded default: one SQLite file (or memory), one connection, explicit transactions.

Statements run at once, inside the coroutine: a local file answers in microseconds, faster
than handing the work to a thread. One process owns the file, so a turn needs no lock
beyond the process's own (bot/web.py).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.store.database import SQLITE, Database, Row
from bot.store.schema import migrate

MEMORY = ":memory:"


def open_sqlite(path: str) -> SqliteDatabase:
    """Open (creating its folder) and migrate the file at `path`, or `:memory:`."""
    return SqliteDatabase(connect_sqlite(path))


def connect_sqlite(path: str) -> sqlite3.Connection:
    """The migrated connection `SqliteDatabase` wraps (a benchmark may trace it)."""
    if path != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("PRAGMA foreign_keys = ON")
        if path != MEMORY:
            connection.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL never corrupts the file; a power cut may lose the last
            # commits. It saves an fsync on every commit, which a chat turn would wait for.
            connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("BEGIN IMMEDIATE")
        try:
            migrate(connection, "?", postgresql=False)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    except BaseException:
        connection.close()
        raise
    return connection


class _SqliteTransaction:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    async def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        rows: list[Row] = self._connection.execute(sql, parameters).fetchall()
        return rows

    async def one(self, sql: str, parameters: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self._connection.execute(sql, parameters).fetchone()
        return row

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        return self._connection.execute(sql, parameters).rowcount

    async def insert(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        return int(self._connection.execute(f"{sql} RETURNING id", parameters).fetchone()[0])

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._connection.executemany(sql, rows)


class SqliteDatabase(Database):
    dialect = SQLITE

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._transaction = _SqliteTransaction(connection)
        # A transaction body never waits on anything but this connection, so it runs
        # without interruption; the lock keeps that true should one ever await elsewhere.
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_SqliteTransaction]:
        """`BEGIN IMMEDIATE` (takes the write lock up front), `COMMIT`, or `ROLLBACK`."""
        async with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._transaction
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    async def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        async with self._lock:  # a single statement commits by itself
            return await self._transaction.query(sql, parameters)

    async def one(self, sql: str, parameters: Sequence[Any] = ()) -> Row | None:
        async with self._lock:
            return await self._transaction.one(sql, parameters)

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        async with self._lock:
            return await self._transaction.execute(sql, parameters)

    @asynccontextmanager
    async def conversation_turn(self, key: str) -> AsyncIterator[None]:
        yield

    async def close(self) -> None:
        self._connection.close()
