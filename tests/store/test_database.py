from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bot.store import database as database_module
from bot.store.database import Database, open_database
from bot.store.migrations import MIGRATIONS

TABLES = [
    "appraisal_ratings",
    "appraisals",
    "channel_bindings",
    "conversation_references",
    "digests",
    "evaluation_events",
    "feedback",
    "intake_answers",
    "intakes",
    "partnership_flags",
    "partnership_handovers",
    "partnership_partners",
    "partnerships",
    "reminders",
    "schema_version",
    "state",
    "ticket_events",
    "ticket_notifications",
    "tickets",
]
LATEST = len(MIGRATIONS)


def _tables(db: Database) -> list[str]:
    rows = db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [row[0] for row in rows]


def test_relative_url_opens_a_file_under_the_working_directory_creating_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    with open_database("sqlite:///data/nested/bot.db") as db:
        assert db.ping()
    assert (tmp_path / "data" / "nested" / "bot.db").is_file()


def test_absolute_url_with_four_slashes_opens_that_file_creating_its_folder(tmp_path: Path):
    path = tmp_path / "a" / "b" / "bot.db"
    url = f"sqlite:///{path}"
    assert url.startswith("sqlite:////")
    with open_database(url) as db:
        assert _tables(db) == TABLES
    assert path.is_file()


def test_memory_url_opens_a_migrated_database_without_any_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    with open_database("sqlite:///:memory:") as db:
        assert db.schema_version == LATEST
        assert _tables(db) == TABLES
    assert list(tmp_path.iterdir()) == []


def test_postgresql_url_is_refused_naming_its_scheme_but_not_its_password():
    with pytest.raises(ValueError) as caught:
        open_database("postgresql://bot:s3cret@db.example/bot")
    assert str(caught.value) == (
        "unsupported database URL (scheme 'postgresql'): the supported form is "
        "sqlite:///path/to/file.db; postgresql is not supported yet"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("data/bot.db", "unsupported database URL (no scheme)"),
        ("sqlite://bot.db", "unsupported database URL (scheme 'sqlite')"),
        ("sqlite:///", "database URL has no path"),
    ],
)
def test_malformed_sqlite_urls_are_refused(url: str, message: str):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        open_database(url)


def test_file_database_uses_wal_a_5_second_busy_timeout_and_foreign_keys(db: Database):
    assert db.query("PRAGMA journal_mode")[0][0] == "wal"
    assert db.query("PRAGMA busy_timeout")[0][0] == 5000
    assert db.query("PRAGMA foreign_keys")[0][0] == 1


def test_migrate_twice_is_a_no_op_and_each_version_is_recorded_once(db: Database):
    assert db.migrate() == LATEST
    assert db.migrate() == LATEST
    versions = [row[0] for row in db.query("SELECT version FROM schema_version")]
    assert versions == list(range(1, LATEST + 1))
    assert db.schema_version == LATEST


def test_reopening_a_file_database_keeps_its_data_and_does_not_migrate_again(db_url: str):
    with open_database(db_url) as db:
        db.execute("INSERT INTO feedback (created_at, kind) VALUES ('t', 'unclear')")
    with open_database(db_url) as db:
        assert db.query("SELECT kind FROM feedback")[0][0] == "unclear"
        assert db.query("SELECT count(*) FROM schema_version")[0][0] == LATEST


def test_migrate_applies_only_the_missing_versions_in_order(
    db: Database, monkeypatch: pytest.MonkeyPatch
):
    added = "CREATE TABLE extra (x INTEGER); CREATE INDEX extra_x ON extra (x);"
    monkeypatch.setattr(database_module, "MIGRATIONS", (*MIGRATIONS, added))
    assert db.migrate() == LATEST + 1
    versions = [row[0] for row in db.query("SELECT version FROM schema_version")]
    assert versions == list(range(1, LATEST + 2))
    assert "extra" in _tables(db)


def test_a_failing_migration_is_rolled_back_entirely(db: Database, monkeypatch: pytest.MonkeyPatch):
    broken = "CREATE TABLE extra (x INTEGER); INSERT INTO missing VALUES (1);"
    monkeypatch.setattr(database_module, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(sqlite3.OperationalError, match="no such table: missing"):
        db.migrate()
    assert db.schema_version == LATEST
    assert "extra" not in _tables(db)


def test_a_database_newer_than_the_code_is_refused(db_url: str):
    with open_database(db_url) as db:
        db.execute("INSERT INTO schema_version VALUES (?, 't')", (LATEST + 1,))
    with pytest.raises(
        RuntimeError,
        match=rf"^database schema version {LATEST + 1} is newer than this code \({LATEST}\)$",
    ):
        open_database(db_url)


def test_transaction_commits_on_success_and_rolls_back_on_error(db: Database):
    insert = "INSERT INTO state VALUES (?, 'e', '{}', 't')"
    with db.transaction() as connection:
        connection.execute(insert, ("kept",))
    with pytest.raises(RuntimeError), db.transaction() as connection:
        connection.execute(insert, ("dropped",))
        raise RuntimeError("boom")
    assert [row[0] for row in db.query("SELECT key FROM state")] == ["kept"]


def test_ping_is_true_while_open_and_false_after_close(db_url: str):
    db = open_database(db_url)
    assert db.ping() is True
    db.close()
    assert db.ping() is False
