"""The database behind every repository: SQLite (embedded default) or PostgreSQL.

Repositories write one SQL text for both backends, with `?` placeholders; the few places
where the dialects differ go through `Dialect`. Calls are coroutines: on PostgreSQL they wait
on the network without blocking the event loop, on SQLite they run at once (a local file).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Protocol
from urllib.parse import unquote

SQLITE_PREFIX = "sqlite:///"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")
SUPPORTED = "sqlite:///path/to/file.db or postgresql://user@host:port/database"


class DatabaseUnavailable(RuntimeError):
    """The database could not be opened; the message names it without its password."""


class Row(Protocol):
    """A result row, read by column position or name."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Any]: ...


class Transaction(Protocol):
    """Statements inside one transaction (`Database.transaction`)."""

    async def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]: ...

    async def one(self, sql: str, parameters: Sequence[Any] = ()) -> Row | None: ...

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        """Returns the number of rows changed."""
        ...

    async def insert(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        """An `INSERT` of one row into a table with an `id` column; returns the new id."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...


@dataclass(frozen=True)
class Dialect:
    """The SQL fragments that differ between SQLite and PostgreSQL."""

    name: str
    contains_function: str  # position of a substring, 0 when absent: instr or strpos
    skip_locked: str  # after a SELECT that claims rows: skip those another process holds

    def contains(self, haystack: str, needle: str) -> str:
        return f"{self.contains_function}({haystack}, {needle}) > 0"

    def json_text(self, column: str, *path: str) -> str:
        """The text at `path` in a JSON text column."""
        if self.name == "postgresql":
            return f"({column}::jsonb #>> '{{{','.join(path)}}}')"
        return f"json_extract({column}, '$.{'.'.join(path)}')"


SQLITE = Dialect("sqlite", contains_function="instr", skip_locked="")
POSTGRESQL = Dialect(
    "postgresql", contains_function="strpos", skip_locked=" FOR UPDATE SKIP LOCKED"
)


class Database(ABC):
    """One database, shared by the repositories of one process and one event loop."""

    dialect: Dialect

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        """Commits when the block ends, rolls back when it raises. On SQLite it takes the
        write lock up front; on PostgreSQL it runs at READ COMMITTED: statements that must
        not race use conditional updates or claims with `dialect.skip_locked`."""

    @abstractmethod
    def conversation_turn(self, key: str) -> AbstractAsyncContextManager[None]:
        """Held for a whole turn of one conversation, across every process on this database;
        raises `TurnLockUnavailable` when it cannot be had in time."""

    async def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        async with self.transaction() as transaction:
            return await transaction.query(sql, parameters)

    async def one(self, sql: str, parameters: Sequence[Any] = ()) -> Row | None:
        async with self.transaction() as transaction:
            return await transaction.one(sql, parameters)

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        """One statement in its own transaction; returns the number of rows changed."""
        async with self.transaction() as transaction:
            return await transaction.execute(sql, parameters)

    async def ping(self) -> bool:
        try:
            row = await self.one("SELECT 1")
        except Exception:  # any driver error means: not ready
            return False
        return row is not None and row[0] == 1

    async def schema_version(self) -> int:
        row = await self.one("SELECT coalesce(max(version), 0) FROM schema_version")
        return int(row[0]) if row is not None else 0

    @abstractmethod
    async def close(self) -> None: ...

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


def open_database(url: str, *, timeout_seconds: float = 5.0, pool_size: int = 10) -> Database:
    """Open and migrate the database at `url` (see SUPPORTED); `ValueError` on a bad URL.

    `timeout_seconds` bounds waiting for a connection and every statement (PostgreSQL).
    """
    if url.startswith(SQLITE_PREFIX):
        from bot.store.sqlite import open_sqlite

        path = url.removeprefix(SQLITE_PREFIX)
        if not path:
            raise ValueError(f"database URL has no path: the supported forms are {SUPPORTED}")
        return open_sqlite(path)
    if url.startswith(POSTGRES_PREFIXES):
        from bot.store.postgres import open_postgres

        return open_postgres(url, timeout_seconds=timeout_seconds, pool_size=pool_size)
    # Name only the scheme: a URL may carry a password.
    scheme = f"scheme {url.partition('://')[0]!r}" if "://" in url else "no scheme"
    raise ValueError(f"unsupported database URL ({scheme}): the supported forms are {SUPPORTED}")


class TurnLockUnavailable(RuntimeError):
    """The conversation's lock could not be had in time (see `conversation_turn`)."""


def _secrets(url: str) -> list[str]:
    """The password of a URL: after the user name, or as a `password=` parameter."""
    scheme, _, rest = url.partition("://")
    authority = rest.split("/", 1)[0].split("?", 1)[0]
    found = []
    if "@" in authority:
        user_info = authority.rpartition("@")[0]  # a password may hold an unescaped @
        if ":" in user_info:
            password = user_info.split(":", 1)[1]
            # An unescaped @ makes libpq end the password early and name the rest as host.
            found += [password, *(part for part in password.split("@") if len(part) >= 3)]
    found += re.findall(r"(?:^|[?&])password=([^&#]*)", rest.partition("?")[2])
    return [secret for secret in found if secret]


def scrubbed(text: str, url: str) -> str:
    """`text` with the URL's password (also percent-decoded) replaced by ***."""
    for secret in sorted(_secrets(url), key=len, reverse=True):
        for form in {secret, unquote(secret)}:
            text = text.replace(form, "***")
    return text


def redacted(url: str) -> str:
    """The URL without its password, for logs and errors."""
    return scrubbed(url, url)


def utc_text(at: datetime, what: str) -> str:
    """A timezone-aware moment as fixed-width UTC text, so that text order is time order."""
    if at.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")
