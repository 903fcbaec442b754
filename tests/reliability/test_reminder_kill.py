"""SIGKILL of one of two instances while it sends due reminders (both run the background
loop): after the dead instance's leases have run out the other sends what it left, so every
reminder arrives. Exactly once holds except in the at-least-once window: a send the
connector had accepted when the sender died, before it could mark it sent, goes out again.
bench/reminder_kill.py repeats this to measure how often that happens."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from tests.reliability.harness import ScriptedConnector
from tests.reliability.reminders import kill_during_sends

REMINDERS = 30


async def test_sigkill_mid_send_every_reminder_arrives_at_most_the_one_in_flight_twice(
    pg_url: str,
    connector: ScriptedConnector,
    session: aiohttp.ClientSession,
    tmp_path: Path,
    record_property,
) -> None:
    report = await kill_during_sends(pg_url, connector, session, tmp_path, REMINDERS)
    record_property("kill_report", report)
    print(report)
    assert report.received_before_kill < REMINDERS, "the kill came after the sends"
    assert report.counts["sent"] == REMINDERS, report
    assert report.received == REMINDERS, report  # none lost
    # A sends one reminder at a time: at most the one it was sending when it died is doubled.
    assert report.duplicates <= 1, report
    assert report.duplicates <= report.taken_over, report
