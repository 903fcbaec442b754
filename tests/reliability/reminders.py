"""Due evaluation reminders for the reliability tests, and the kill-mid-send scenario (also
run many times by bench/reminder_kill.py)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import psycopg

from bot.store.database import open_database
from bot.store.reminders import ReminderRepository
from tests.reliability.harness import (
    BotProcess,
    ScriptedConnector,
    User,
    local_ports,
    send,
    started,
)

FAR_AWAY = "2027-11-01"  # no reminder of this moment is due yet
LEASE_SECONDS = 6  # tests/reliability/launch.py: the product's lease is 10 minutes
SCHEDULED = {
    "SCHEDULER_INTERVAL_SECONDS": 1,
    "RELIABILITY_LEASE_SECONDS": LEASE_SECONDS,
    "RELIABILITY_ANY_HOUR": 1,
    "REMINDER_HOUR": 0,
}


async def register(
    session: aiohttp.ClientSession, bots: list[BotProcess], users: list[User]
) -> None:
    """Each user installs the app and registers one partnership, round-robin over `bots`."""
    for number, user in enumerate(users):
        bot = bots[number % len(bots)]
        assert (await send(session, bot, user.bot_added()))[0] == 201
        form = {
            "action": "partnership_form",
            "account_holder": "me",
            "name": f"Samenwerking {user.name}",
            "form": "wgr",
            "mandated": "false",
            "phase": "implementeren",
            "cadence": "jaarlijks",
            "first_evaluation": FAR_AWAY,
        }
        assert (await send(session, bot, user.click(form)))[0] == 201


def make_due(database_url: str) -> int:
    """Every partnership's next evaluation tomorrow: its 7-day reminder is due at once."""
    tomorrow = datetime.now(ZoneInfo("Europe/Amsterdam")).date() + timedelta(days=1)
    with psycopg.connect(database_url, autocommit=True) as connection:
        cursor = connection.execute(
            "UPDATE partnerships SET next_evaluation = %s", (tomorrow.isoformat(),)
        )
        return cursor.rowcount


async def reminder_counts(database_url: str) -> dict[str, int]:
    database = open_database(database_url)
    try:
        return await ReminderRepository(database).status_counts()
    finally:
        await database.close()


def claims(database_url: str) -> tuple[int, int]:
    """All claims of reminders so far, and the reminders claimed more than once (taken over
    after their sender's lease ran out)."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT coalesce(sum(attempts), 0), count(*) FILTER (WHERE attempts > 1)"
            " FROM reminders"
        ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


async def wait_settled(database_url: str, expected: int, seconds: float) -> dict[str, int]:
    """Until every reminder is sent or given up (none claimed), or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        counts = await reminder_counts(database_url)
        settled = counts["sent"] + counts["undelivered"]
        if (settled >= expected and counts["claimed"] == 0) or time.monotonic() > deadline:
            return counts
        await asyncio.sleep(0.25)


@dataclass(frozen=True)
class KillReport:
    reminders: int
    received: int  # distinct conversations that got their reminder
    duplicates: int  # reminders received more than once
    in_flight_at_kill: int  # sends of the killed instance the connector held at the kill
    taken_over: int  # reminders A had claimed and not marked: B sent them after the lease
    received_before_kill: int
    seconds: float  # from due to all settled
    counts: dict[str, int]


async def kill_during_sends(
    database_url: str,
    connector: ScriptedConnector,
    session: aiohttp.ClientSession,
    log_dir: Path,
    reminders: int = 30,
    kill_after: int = 5,
    delay: float = 0.3,
    then_wait: float = 0.0,
) -> KillReport:
    """Two instances with the background loop send `reminders` due reminders through a slow
    connector; instance A is killed with SIGKILL `then_wait` seconds after `kill_after` have
    arrived (with `then_wait` 0 the kill comes as a send arrives: A is likely mid-send)."""
    a = BotProcess("a", database_url, log_dir, **SCHEDULED)
    b = BotProcess("b", database_url, log_dir, **SCHEDULED)
    async with started(a, b):
        users = [User(connector.url, f"holder-{n}") for n in range(reminders)]
        await register(session, [a, b], users)
        connector.take()
        connector.delay = delay
        begin = time.monotonic()
        assert make_due(database_url) == reminders
        while len(connector.messages()) < kill_after:
            await asyncio.sleep(0.005)
        await asyncio.sleep(then_wait)
        ports = local_ports(a.pid)
        in_flight = sum(n for port, n in connector.in_flight_ports.items() if port in ports)
        before = len(connector.messages())
        a.kill()
        counts = await wait_settled(database_url, reminders, seconds=LEASE_SECONDS + 60)
        seconds = time.monotonic() - begin
        await asyncio.sleep(delay + 0.2)  # a send of A's that the connector still held
        per_conversation = connector.per_conversation()
        wanted = {user.conversation_id for user in users}
        return KillReport(
            reminders=reminders,
            received=len(wanted & set(per_conversation)),
            duplicates=sum(per_conversation[c] - 1 for c in wanted if per_conversation[c] > 1),
            in_flight_at_kill=in_flight,
            taken_over=claims(database_url)[1],
            received_before_kill=before,
            seconds=seconds,
            counts=counts,
        )
