from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import psycopg
import pytest

from bot.store import schema as schema_module
from bot.store.database import Database, open_database
from bot.store.migrations import MIGRATIONS
from bot.store.register import PartnershipRepository
from bot.store.reminders import ReminderRepository
from bot.store.tickets import Notice, TicketRepository
from tests.postgres import fresh_schema
from tests.store.backends import tables
from tests.store.test_register import _partnership
from tests.store.test_reminders import LEASE, NOW, _planned
from tests.store.test_tickets import new_ticket

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
    "purges",
    "reminders",
    "schema_version",
    "state",
    "ticket_events",
    "ticket_notifications",
    "tickets",
]
LATEST = len(MIGRATIONS)
SUPPORTED = "sqlite:///path/to/file.db or postgresql://user@host:port/database"


# Opening: URLs


async def test_relative_url_opens_a_file_under_the_working_directory_creating_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    async with open_database("sqlite:///data/nested/bot.db") as db:
        assert await db.ping()
    assert (tmp_path / "data" / "nested" / "bot.db").is_file()


async def test_absolute_url_with_four_slashes_opens_that_file_creating_its_folder(tmp_path: Path):
    path = tmp_path / "a" / "b" / "bot.db"
    url = f"sqlite:///{path}"
    assert url.startswith("sqlite:////")
    async with open_database(url) as db:
        assert await tables(db) == TABLES
    assert path.is_file()


async def test_memory_url_opens_a_migrated_database_without_any_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    async with open_database("sqlite:///:memory:") as db:
        assert await db.schema_version() == LATEST
        assert await tables(db) == TABLES
    assert list(tmp_path.iterdir()) == []


async def test_every_url_opens_a_database_with_every_table_at_the_latest_version(db: Database):
    assert await tables(db) == TABLES
    assert await db.schema_version() == LATEST


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
async def test_a_postgresql_url_is_accepted_with_either_scheme(scheme: str):
    with fresh_schema() as url:
        async with open_database(scheme + url.removeprefix(url.partition("://")[0])) as db:
            assert db.dialect.name == "postgresql"
            assert await db.ping() is True
            assert await tables(db) == TABLES


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("data/bot.db", "unsupported database URL (no scheme)"),
        ("sqlite://bot.db", "unsupported database URL (scheme 'sqlite')"),
        ("mysql://bot:s3cret@db.example/bot", "unsupported database URL (scheme 'mysql')"),
        (
            "postgresql+psycopg://bot:s3cret@db/bot",
            "unsupported database URL (scheme 'postgresql+psycopg')",
        ),
        ("sqlite:///", "database URL has no path"),
    ],
)
def test_malformed_or_unsupported_urls_are_refused_naming_the_scheme_but_not_a_password(
    url: str, message: str
):
    with pytest.raises(ValueError) as caught:
        open_database(url)
    assert str(caught.value) == f"{message}: the supported forms are {SUPPORTED}"
    assert "s3cret" not in str(caught.value)


async def test_the_password_of_a_postgresql_server_that_cannot_be_reached_is_never_shown():
    with pytest.raises(RuntimeError) as caught:
        open_database("postgresql://root:s3cret@127.0.0.1:1/x", timeout_seconds=1)
    message = str(caught.value)
    assert message.startswith("database postgresql://root:***@127.0.0.1:1/x could not be opened: ")
    assert "s3cret" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://root:s3cret@[::1/x",  # libpq: '... in URI: "postgresql://root:s3cret@[::1/x"'
        "postgresql://127.0.0.1:1/x?password=s3cret",
        "postgresql://root:s3@cret@127.0.0.1:1/x",
    ],
)
def test_the_password_of_a_malformed_postgresql_url_is_never_shown(url: str):
    with pytest.raises(RuntimeError) as caught:
        open_database(url, timeout_seconds=1)
    assert "cret" not in str(caught.value)


async def test_a_file_database_uses_wal_a_5_second_busy_timeout_and_foreign_keys(tmp_path: Path):
    # SQLite only: the pragmas of its file.
    async with open_database(f"sqlite:///{tmp_path / 'bot.db'}") as db:
        assert (await db.query("PRAGMA journal_mode"))[0][0] == "wal"
        assert (await db.query("PRAGMA busy_timeout"))[0][0] == 5000
        assert (await db.query("PRAGMA foreign_keys"))[0][0] == 1


# Migrations


async def test_opening_twice_migrates_once_and_each_version_is_recorded_once(db_url: str):
    for _ in range(2):
        async with open_database(db_url) as db:
            assert await db.schema_version() == LATEST
            versions = [row[0] for row in await db.query("SELECT version FROM schema_version")]
            assert sorted(versions) == list(range(1, LATEST + 1))


async def test_reopening_a_database_keeps_its_data_and_does_not_migrate_again(db_url: str):
    async with open_database(db_url) as db:
        await db.execute("INSERT INTO feedback (created_at, kind) VALUES ('t', 'unclear')")
        applied = await db.query("SELECT version, applied_at FROM schema_version ORDER BY version")
    async with open_database(db_url) as db:
        assert (await db.query("SELECT kind FROM feedback"))[0][0] == "unclear"
        assert (await db.query("SELECT count(*) FROM schema_version"))[0][0] == LATEST
        again = await db.query("SELECT version, applied_at FROM schema_version ORDER BY version")
        assert [tuple(row) for row in again] == [tuple(row) for row in applied]


async def test_migrate_applies_only_the_missing_versions_in_order(
    db_url: str, monkeypatch: pytest.MonkeyPatch
):
    async with open_database(db_url) as db:
        await db.execute("INSERT INTO feedback (created_at, kind) VALUES ('t', 'unclear')")
    added = "CREATE TABLE extra (x INTEGER); CREATE INDEX extra_x ON extra (x);"
    monkeypatch.setattr(schema_module, "MIGRATIONS", (*MIGRATIONS, added))
    async with open_database(db_url) as db:
        assert await db.schema_version() == LATEST + 1
        versions = [row[0] for row in await db.query("SELECT version FROM schema_version")]
        assert sorted(versions) == list(range(1, LATEST + 2))
        assert await tables(db) == sorted([*TABLES, "extra"])
        assert (await db.query("SELECT count(*) FROM feedback"))[0][0] == 1


async def test_a_failing_migration_is_rolled_back_entirely(
    db_url: str, monkeypatch: pytest.MonkeyPatch
):
    async with open_database(db_url) as db:
        pass
    broken = "CREATE TABLE extra (x INTEGER); INSERT INTO missing VALUES (1);"
    with monkeypatch.context() as patch:
        patch.setattr(schema_module, "MIGRATIONS", (*MIGRATIONS, broken))
        expected: tuple[type[Exception], str] = (
            (sqlite3.OperationalError, "no such table: missing")
            if db_url.startswith("sqlite")
            else (RuntimeError, 'relation "missing" does not exist')
        )
        with pytest.raises(expected[0], match=expected[1]):
            open_database(db_url)
    async with open_database(db_url) as db:
        assert await db.schema_version() == LATEST
        assert "extra" not in await tables(db)


async def test_a_database_newer_than_the_code_is_refused(db_url: str):
    async with open_database(db_url) as db:
        await db.execute("INSERT INTO schema_version VALUES (?, 't')", (LATEST + 1,))
    with pytest.raises(
        RuntimeError,
        match=rf"^database schema version {LATEST + 1} is newer than this code \({LATEST}\)$",
    ):
        open_database(db_url)


async def test_instances_starting_at_once_on_a_fresh_postgresql_schema_migrate_it_once():
    with fresh_schema() as url:
        opened = await asyncio.gather(*(asyncio.to_thread(open_database, url) for _ in range(4)))
        try:
            for db in opened:
                assert await db.schema_version() == LATEST
            rows = await opened[0].query("SELECT version FROM schema_version ORDER BY version")
            assert [row[0] for row in rows] == list(range(1, LATEST + 1))
            assert await tables(opened[-1]) == TABLES
        finally:
            for db in opened:
                await db.close()


# Statements and transactions


async def test_transaction_commits_on_success_and_rolls_back_on_error(db: Database):
    insert = "INSERT INTO state VALUES (?, 'e', '{}', 't')"
    async with db.transaction() as transaction:
        assert await transaction.execute(insert, ("kept",)) == 1
    with pytest.raises(RuntimeError, match="boom"):
        async with db.transaction() as transaction:
            await transaction.execute(insert, ("dropped",))
            raise RuntimeError("boom")
    assert [row[0] for row in await db.query("SELECT key FROM state")] == ["kept"]


async def test_statements_return_rows_by_position_and_name_and_changed_counts(db: Database):
    async with db.transaction() as transaction:
        first = await transaction.insert(
            "INSERT INTO feedback (created_at, kind, entry_id) VALUES (?, ?, ?)",
            ("t1", "helpful", "jur-1"),
        )
        second = await transaction.insert(
            "INSERT INTO feedback (created_at, kind, entry_id) VALUES (?, ?, ?)",
            ("t2", "unclear", None),
        )
        await transaction.executemany(
            "INSERT INTO state VALUES (?, 'e', '{}', 't')", [("a",), ("b",), ("c",)]
        )
        await transaction.executemany("INSERT INTO state VALUES (?, 'e', '{}', 't')", [])
    assert (first, second) == (1, 2)
    row = await db.one("SELECT id, kind, entry_id FROM feedback WHERE id = ?", (first,))
    assert row is not None
    assert (row[0], row["kind"], row["entry_id"], len(row), list(row)) == (
        1,
        "helpful",
        "jur-1",
        3,
        [1, "helpful", "jur-1"],
    )
    assert await db.one("SELECT id FROM feedback WHERE id = ?", (9,)) is None
    assert await db.execute("UPDATE state SET etag = 'f' WHERE key IN (?, ?)", ("a", "c")) == 2
    assert await db.execute("DELETE FROM state WHERE key = 'missing'") == 0
    rows = await db.query("SELECT key, etag FROM state ORDER BY key")
    assert [tuple(row) for row in rows] == [("a", "f"), ("b", "e"), ("c", "f")]


async def test_a_percent_sign_in_sql_or_in_a_value_is_kept(db: Database):
    await db.execute("INSERT INTO state VALUES ('100%', 'e', ?, 't')", ("50% ?",))
    rows = await db.query("SELECT key, data FROM state WHERE key LIKE '%\\%' ESCAPE '\\'")
    assert [tuple(row) for row in rows] == [("100%", "50% ?")]


async def test_ping_is_true_while_open_and_false_after_close(db_url: str):
    db = open_database(db_url)
    assert await db.ping() is True
    await db.close()
    assert await db.ping() is False


# Several instances on one database


async def test_a_conversation_turn_excludes_another_instance_until_it_ends_but_not_other_keys():
    with fresh_schema() as url:
        async with open_database(url) as first, open_database(url) as second:
            entered = asyncio.Event()

            async def second_turn() -> None:
                async with second.conversation_turn("conversation:a"):
                    entered.set()

            async with first.conversation_turn("conversation:a"):
                waiting = asyncio.create_task(second_turn())
                await asyncio.sleep(0.5)
                assert not entered.is_set()  # the same conversation waits...
                async with asyncio.timeout(5):  # ...another one does not
                    async with second.conversation_turn("conversation:b"):
                        pass
                assert not entered.is_set()
            async with asyncio.timeout(5):
                await waiting
            assert entered.is_set()
            async with asyncio.timeout(5):  # and the key is free again for the first
                async with first.conversation_turn("conversation:a"):
                    pass


async def test_a_conversation_turn_excludes_another_turn_of_the_same_instance():
    with fresh_schema() as url:
        async with open_database(url) as db:
            order: list[str] = []

            async def turn(name: str, hold: float) -> None:
                async with db.conversation_turn("conversation:a"):
                    order.append(f"{name} in")
                    await asyncio.sleep(hold)
                    order.append(f"{name} out")

            first = asyncio.create_task(turn("first", 0.3))
            await asyncio.sleep(0.1)
            await asyncio.gather(first, turn("second", 0))
            assert order == ["first in", "first out", "second in", "second out"]


async def test_turns_that_give_up_waiting_for_the_lock_do_not_end_the_exclusion():
    with fresh_schema() as url:
        async with (
            open_database(url, pool_size=1) as first,
            open_database(url, pool_size=1) as second,
        ):
            async with first.conversation_turn("conversation:a"):
                for _ in range(4):  # more than the turns pool of `second` holds
                    with pytest.raises(TimeoutError):
                        async with asyncio.timeout(0.2), second.conversation_turn("conversation:a"):
                            pass
                with pytest.raises(TimeoutError):  # still excluded: it waits
                    async with asyncio.timeout(4), second.conversation_turn("conversation:a"):
                        pass


async def test_two_instances_claiming_at_once_never_both_win_a_reminder(db_url: str):
    async with open_database(db_url) as first_db, open_database(db_url) as second_db:
        for number in range(3):
            await PartnershipRepository(first_db).add(_partnership(name=f"S{number}"))
        first, second = ReminderRepository(first_db), ReminderRepository(second_db)
        planned = [
            _planned(lead_days, partnership_id)
            for partnership_id in (1, 2, 3)
            for lead_days in (30, 7, 0)
        ]
        for reminder in planned:
            results = await asyncio.gather(
                first.claim(reminder, NOW, LEASE),
                second.claim(reminder, NOW, LEASE),
                first.claim(reminder, NOW, LEASE),
                second.claim(reminder, NOW, LEASE),
            )
            assert len([result for result in results if result is not None]) == 1, results
        assert await first.status_counts() == {"claimed": 9, "sent": 0, "undelivered": 0}
        rows = await first_db.query("SELECT attempts FROM reminders")
        assert [row[0] for row in rows] == [1] * 9


async def test_two_instances_claiming_at_once_never_both_win_a_ticket_notification(db_url: str):
    async with open_database(db_url) as first_db, open_database(db_url) as second_db:
        one, other = TicketRepository(first_db), TicketRepository(second_db)
        for _ in range(10):
            await one.add(new_ticket(), [Notice("asker"), Notice("channel_post", team="JUR")])
        claimed = await asyncio.gather(
            one.claim(NOW, LEASE), other.claim(NOW, LEASE), one.claim(NOW, LEASE)
        )
        ids = [notification.id for batch in claimed for notification in batch]
        assert sorted(ids) == list(range(1, 21))  # every one claimed, none twice
        rows = await first_db.query(
            "SELECT count(*) FROM ticket_notifications WHERE status = 'claimed' AND attempts = 1"
        )
        assert rows[0][0] == 20
        assert await other.claim(NOW, LEASE) == []


async def test_a_transaction_that_fails_on_postgresql_gives_its_connection_back_clean():
    with fresh_schema() as url:
        async with open_database(url, pool_size=1) as db:
            with pytest.raises(psycopg.errors.UndefinedTable):
                async with db.transaction() as transaction:
                    await transaction.execute("INSERT INTO state VALUES ('a', 'e', '{}', 't')")
                    await transaction.execute("SELECT * FROM missing")
            assert await db.query("SELECT key FROM state") == []
            assert await db.ping() is True
