"""429 storms: for a while the connector answers 429 (Retry-After: 1) to 70% of proactive
sends (new messages and card updates; replies inside a turn go through). Two instances run
the background loop. Nothing may arrive twice, and nothing is lost: reminders and ticket
notifications that a run could not deliver are claimed again by a later run."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import aiohttp
import psycopg

from tests.bot.cardtext import find_action
from tests.bot.conftest import Teams
from tests.reliability.harness import BotProcess, ScriptedConnector, User, send, started
from tests.reliability.reminders import make_due, register, wait_settled

REMINDERS = 10
TICKETS = 5
STORM_SHARE = 0.7
STORM_SECONDS = 20.0
STORM = {"SCHEDULER_INTERVAL_SECONDS": 1, "RELIABILITY_ANY_HOUR": 1, "REMINDER_HOUR": 0}
BRAM = {"id": "29:user-bram", "name": "Bram", "aadObjectId": "aad-bram"}


async def _bind_jur(session: aiohttp.ClientSession, bot: BotProcess, service_url: str) -> Teams:
    channel = Teams(service_url, conversation_type="channel")
    message = channel.message("koppel dit kanaal aan JUR")
    message["from"] = BRAM
    assert (await send(session, bot, message))[0] == 201
    return channel


async def _ask(
    session: aiohttp.ClientSession, bot: BotProcess, connector: ScriptedConnector, asker: User
) -> None:
    """'staatssteun', 'Vraag een expert', and the form sent to JUR: three turns."""

    def last_card() -> dict[str, Any]:
        [*_, reply] = [
            s for s in connector.messages() if s.conversation_id == asker.conversation_id
        ]
        assert reply.card is not None, reply.activity
        return reply.card

    assert (await send(session, bot, asker.message("staatssteun")))[0] == 201
    ask = find_action(last_card(), "Vraag een expert")["data"]
    assert (await send(session, bot, asker.click(ask)))[0] == 201
    submit = find_action(last_card(), "Vraag versturen")["data"]
    values = {**submit, "question": f"Vraag van {asker.name}", "team": "JUR"}
    assert (await send(session, bot, asker.click(values)))[0] == 201


def _notifications(database_url: str) -> list[tuple[str, str, int]]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT kind, status, attempts FROM ticket_notifications ORDER BY id"
        ).fetchall()
    return [(str(kind), str(status), int(attempts)) for kind, status, attempts in rows]


async def _notifications_settled(database_url: str, seconds: float) -> list[tuple[str, str, int]]:
    deadline = time.monotonic() + seconds
    while True:
        rows = _notifications(database_url)
        if all(status in ("sent", "undelivered") for _, status, _ in rows):
            return rows
        if time.monotonic() > deadline:
            return rows
        await asyncio.sleep(0.25)


async def test_429_storm_nothing_twice_and_nothing_lost(
    pg_url: str,
    connector: ScriptedConnector,
    session: aiohttp.ClientSession,
    tmp_path: Path,
    record_property,
) -> None:
    a = BotProcess("a", pg_url, tmp_path, **STORM)
    b = BotProcess("b", pg_url, tmp_path, **STORM)
    async with started(a, b):
        holders = [User(connector.url, f"holder-{n}") for n in range(REMINDERS)]
        await register(session, [a, b], holders)
        channel = await _bind_jur(session, a, connector.url)
        connector.take()

        connector.retry_after = "1"
        connector.proactive_attempts = 0
        connector.throttle = STORM_SHARE
        begin = time.monotonic()
        assert make_due(pg_url) == REMINDERS
        askers = [User(connector.url, f"asker-{n}") for n in range(TICKETS)]
        await asyncio.gather(
            *(_ask(session, (a, b)[n % 2], connector, u) for n, u in enumerate(askers))
        )
        await asyncio.sleep(max(0.0, STORM_SECONDS - (time.monotonic() - begin)))
        connector.throttle = 0.0
        storm_attempts, storm_refused = connector.proactive_attempts, len(connector.refused)

        counts = await wait_settled(pg_url, REMINDERS, seconds=60)
        notifications = await _notifications_settled(pg_url, seconds=60)
        seconds = time.monotonic() - begin
        per_conversation = connector.per_conversation()

    reminders_received = [per_conversation[h.conversation_id] for h in holders]
    posts = [
        s
        for s in connector.messages()
        if s.conversation_id == channel.conversation_id and s.reply_to is None
    ]
    figures = {
        "storm_seconds": STORM_SECONDS,
        "proactive_attempts_during_storm": storm_attempts,
        "refused_429": storm_refused,
        "proactive_attempts_total": connector.proactive_attempts,
        "reminders": counts,
        "reminders_received": reminders_received,
        "ticket_notifications": notifications,
        "channel_posts": len(posts),
        "seconds_to_settle": round(seconds, 1),
    }
    record_property("storm", figures)
    print(figures)
    assert storm_refused > 0
    # None twice, of anything.
    assert max(reminders_received) <= 1, figures
    assert len(posts) == TICKETS, figures
    assert all(status == "sent" for _, status, _ in notifications), figures
    # Every reminder is accounted for: received once, or given up as undelivered.
    assert counts["claimed"] == 0 and counts["sent"] == sum(reminders_received), figures
    assert (counts["sent"], counts["undelivered"]) == (REMINDERS, 0), figures
