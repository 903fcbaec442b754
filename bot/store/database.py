"""One SQLite connection with explicit transactions and versioned migrations."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from bot.store.migrations import MIGRATIONS

SQLITE_PREFIX = "sqlite:///"
MEMORY = ":memory:"


def open_database(url: str) -> Database:
    """Open `sqlite:///relative.db`, `sqlite:////absolute.db` or `sqlite:///:memory:`, migrated."""
    path = _sqlite_path(url)
    if path != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    database = Database(connection, wal=path != MEMORY)
    try:
        database.migrate()
    except BaseException:
        database.close()
        raise
    return database


def _sqlite_path(url: str) -> str:
    if not url.startswith(SQLITE_PREFIX):
        # Name only the scheme: a PostgreSQL URL carries a password.
        scheme = f"scheme {url.partition('://')[0]!r}" if "://" in url else "no scheme"
        raise ValueError(
            f"unsupported database URL ({scheme}): the supported form is "
            "sqlite:///path/to/file.db; postgresql is not supported yet"
        )
    path = url.removeprefix(SQLITE_PREFIX)
    if not path:
        raise ValueError(
            "database URL has no path: the supported form is sqlite:///path/to/file.db"
        )
    return path


class Database:
    """Wraps one connection; safe to share between threads, calls are synchronous."""

    def __init__(self, connection: sqlite3.Connection, *, wal: bool = False) -> None:
        self._connection = connection
        self._lock = threading.RLock()
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("PRAGMA foreign_keys = ON")
        if wal:
            connection.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL never corrupts the file; a power cut may lose the last
            # commits. It saves an fsync on every commit, which a chat turn would wait for.
            connection.execute("PRAGMA synchronous = NORMAL")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """`BEGIN IMMEDIATE` (takes the write lock up front), `COMMIT`, or `ROLLBACK` on error."""
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        """Run one statement in its own transaction; returns the number of rows changed."""
        with self._lock:
            return self._connection.execute(sql, parameters).rowcount

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    def ping(self) -> bool:
        try:
            return bool(self.query("SELECT 1")[0][0] == 1)
        except sqlite3.Error:
            return False

    @property
    def schema_version(self) -> int:
        rows = self.query("SELECT coalesce(max(version), 0) FROM schema_version")
        return int(rows[0][0])

    def migrate(self) -> int:
        """Apply the missing migrations in one transaction; returns the schema version."""
        with self.transaction() as connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_version"
                " (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            current = connection.execute(
                "SELECT coalesce(max(version), 0) FROM schema_version"
            ).fetchone()[0]
            if current > len(MIGRATIONS):
                raise RuntimeError(
                    f"database schema version {current} is newer than this code "
                    f"({len(MIGRATIONS)})"
                )
            for version in range(current + 1, len(MIGRATIONS) + 1):
                for statement in _statements(MIGRATIONS[version - 1]):
                    connection.execute(statement)
                connection.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version, datetime.now(UTC).isoformat()),
                )
        return len(MIGRATIONS)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements (`executescript` would commit the open transaction)."""
    pending = ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\n;"):
                yield pending.strip()
            pending = ""


def utc_text(at: datetime, what: str) -> str:
    """A timezone-aware moment as fixed-width UTC text, so that text order is time order."""
    if at.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")
