"""What the store tests need to know about the backend under test, and nothing more."""

from __future__ import annotations

import sqlite3
from typing import Any, Literal

import psycopg
import pytest

from bot.store.database import Database

_SQLITE_MESSAGES = {
    "check": "CHECK constraint failed",
    "foreign key": "FOREIGN KEY constraint failed",
}
_POSTGRES_ERRORS: dict[str, type[psycopg.Error]] = {
    "check": psycopg.errors.CheckViolation,
    "foreign key": psycopg.errors.ForeignKeyViolation,
}


def refused_by_constraint(db: Database, kind: Literal["check", "foreign key"]) -> Any:
    """`pytest.raises` for the error the backend of `db` gives when a constraint refuses."""
    if db.dialect.name == "postgresql":
        return pytest.raises(_POSTGRES_ERRORS[kind])
    return pytest.raises(sqlite3.IntegrityError, match=_SQLITE_MESSAGES[kind])


async def tables(db: Database) -> list[str]:
    """The tables of the database (PostgreSQL: of the schema the connections see), by name."""
    if db.dialect.name == "postgresql":
        sql = (
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            " ORDER BY table_name"
        )
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    return [row[0] for row in await db.query(sql)]


async def columns(db: Database, table: str) -> list[str]:
    """The columns of `table`, in the order the table defines them."""
    if db.dialect.name == "postgresql":
        rows = await db.query(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [row[0] for row in rows]
    return [row["name"] for row in await db.query(f"PRAGMA table_info({table})")]


async def row_dicts(db: Database, table: str, order: str = "1") -> list[dict[str, Any]]:
    """Every row of `table` as {column: value} (a PostgreSQL row has no keys())."""
    names = await columns(db, table)
    rows = await db.query(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}")
    return [dict(zip(names, row, strict=True)) for row in rows]


async def indexes(db: Database) -> dict[tuple[str, str], list[str]]:
    """(table, index) -> the indexed columns in order; the indexes a migration created, not
    those a primary key or UNIQUE constraint brings."""
    if db.dialect.name == "postgresql":
        rows = await db.query(
            "SELECT t.relname, i.relname, a.attname FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace"
            " CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k (attnum, position)"
            " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
            " WHERE n.nspname = current_schema() AND NOT x.indisprimary"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            " ORDER BY t.relname, i.relname, k.position"
        )
    else:
        rows = await db.query(
            "SELECT m.tbl_name, m.name, c.name FROM sqlite_master m,"
            " pragma_index_info(m.name) c WHERE m.type = 'index'"
            " AND m.name NOT LIKE 'sqlite_autoindex%' ORDER BY m.tbl_name, m.name, c.seqno"
        )
    found: dict[tuple[str, str], list[str]] = {}
    for table, index, column in rows:
        found.setdefault((table, index), []).append(column)
    return found
