"""The reminder loop's database query on a large register.

    .venv/bin/python bench/due_reminders.py [--partnerships 100000] [--runs 20]

Fills a fresh SQLite file with partnerships (evaluation moments spread over three years from
a month ago, 10% archived, 5% with reminders off, two partners and a flag each), then times
`PartnershipRepository.due_for_reminders(today + 33 days)` — the horizon of the default
policy — and prints the median, the number found and SQLite's query plan for it.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bot.domain.schedule import ReminderPolicy, horizon
from bot.store.database import Database, utc_text
from bot.store.register import PartnershipRepository
from bot.store.sqlite import SqliteDatabase, connect_sqlite

SPREAD_DAYS = 3 * 365
FIRST_DAY_OFFSET = -30  # some moments are overdue already
ARCHIVED = 0.10
REMINDERS_OFF = 0.05


async def _fill(db: Database, count: int, today: date) -> None:
    """Rows straight into the tables: one transaction, executemany per table."""
    random.seed(5)
    stamp = utc_text(datetime.now(UTC), "now")
    partnerships = [
        (
            number,
            f"Samenwerking {number}",
            "Bench",
            "overeenkomst",
            0,
            "uitvoeren",
            f"aad-{number % 2_000}",
            "Accounthouder",
            f"aad-{number % 2_000}",
            "Accounthouder",
            (today + timedelta(days=FIRST_DAY_OFFSET + random.randrange(SPREAD_DAYS))).isoformat(),
            "jaarlijks",
            int(random.random() < ARCHIVED),
            int(random.random() >= REMINDERS_OFF),
            stamp,
            stamp,
        )
        for number in range(1, count + 1)
    ]
    async with db.transaction() as transaction:
        await transaction.executemany(
            "INSERT INTO partnerships (id, name, purpose, form, mandated, phase,"
            " account_holder_id, account_holder_name, created_by_id, created_by_name,"
            " next_evaluation, cadence, archived, reminders, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            partnerships,
        )
        await transaction.executemany(
            "INSERT INTO partnership_partners (partnership_id, position, name) VALUES (?, ?, ?)",
            [
                (number, position, name)
                for number in range(1, count + 1)
                for position, name in enumerate(("Gemeente Zeist", "Provincie Utrecht"))
            ],
        )
        await transaction.executemany(
            "INSERT INTO partnership_flags (partnership_id, flag) VALUES (?, 'personal_data')",
            [(number,) for number in range(1, count + 1)],
        )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    today = datetime.now(UTC).date()
    until = horizon(today, ReminderPolicy())
    with tempfile.TemporaryDirectory() as scratch:
        statements: list[str] = []
        connection = connect_sqlite(str(Path(scratch) / "bench.db"))
        async with SqliteDatabase(connection) as db:
            began = time.perf_counter()
            await _fill(db, args.partnerships, today)
            filled = time.perf_counter() - began
            print(f"partnerships       {args.partnerships:8d}  (filled in {filled:.2f} s)")

            repository = PartnershipRepository(db)
            seconds, found = [], 0
            for _ in range(args.runs):
                began = time.perf_counter()
                found = len(await repository.due_for_reminders(until))
                seconds.append(time.perf_counter() - began)
            print(f"due until          {until.isoformat()}  (today + {(until - today).days} days)")
            print(f"found              {found:8d}")
            print(
                f"due_for_reminders  median={1000 * statistics.median(seconds):.2f} ms  "
                f"min={1000 * min(seconds):.2f} ms  max={1000 * max(seconds):.2f} ms  "
                f"(n={args.runs})"
            )

            connection.set_trace_callback(statements.append)  # the statements, values bound
            await repository.due_for_reminders(until)
            connection.set_trace_callback(None)
            query = next(sql for sql in statements if sql.startswith("SELECT p.*"))
            for row in await db.query(f"EXPLAIN QUERY PLAN {query}"):
                print(f"query plan         {row['detail']}")


if __name__ == "__main__":
    asyncio.run(main())
