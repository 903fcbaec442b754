"""Evaluation reminders end to end: references from real turns, sends to the stand-in."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import DigestPolicy
from bot.reminders.runner import MAX_CLAIMS, ReminderRunner
from bot.services import Services, calendar_url
from bot.settings import Settings
from bot.teams.proactive import Pacing, ProactiveSender
from bot.web import SERVICES
from tests.bot.cardtext import find_action, texts
from tests.bot.conftest import Teams, post, start_bot

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY_MORNING = datetime(2026, 11, 23, 9, 30, tzinfo=AMSTERDAM)  # the test clock's day
FAST = Pacing(per_conversation_seconds=0, per_app_per_second=1000, base_backoff_seconds=0)


def _runner(client: Any) -> ReminderRunner:
    services: Services = client.app[SERVICES]
    fast = ProactiveSender(services.adapter, "", FAST)
    return dataclasses.replace(services, proactive=fast).reminder_runner()


async def _register(client: Any, connector: Any, teams: Teams, first_evaluation: str) -> int:
    await post(client, teams.bot_added())
    connector.take()
    form = {
        "action": "partnership_form",
        "account_holder": "me",
        "name": "Regionale Energiestrategie",
        "form": "wgr",
        "mandated": "false",
        "phase": "implementeren",
        "cadence": "jaarlijks",
        "first_evaluation": first_evaluation,
    }
    await post(client, teams.click(form))
    [registered] = connector.take()
    opener = find_action(registered.card, "Bekijk de samenwerking")
    return int(opener["data"]["id"])


async def test_one_reminder_arrives_once_for_an_evaluation_a_week_ahead(bot, connector):
    teams = Teams(connector.url)
    await _register(bot, connector, teams, "2026-11-30")
    report = await _runner(bot).run(MONDAY_MORNING)
    [reminder] = connector.take()
    assert reminder.conversation_id == teams.conversation_id
    assert "Over 7 dagen: evaluatie van Regionale Energiestrategie" in texts(reminder.card)
    assert report.sent == 1
    again = await _runner(bot).run(MONDAY_MORNING)
    assert (again.sent, connector.take()) == (0, [])


async def test_afgerond_sets_the_next_moment_and_verzetten_a_new_date(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await _runner(bot).run(MONDAY_MORNING)
    [reminder] = connector.take()
    done = find_action(reminder.card, "Evaluatie afronden")  # inside the "Afgerond" show card
    assert done["data"] == {"action": "evaluation_done", "id": partnership_id, "due": "2026-11-30"}
    await post(bot, teams.click(done["data"]))
    [confirmation] = connector.take()
    assert "30 november 2027" in confirmation.activity["text"]
    stored = await bot.app[SERVICES].partnerships.get(partnership_id)
    assert stored.next_evaluation == date(2027, 11, 30)
    postpone = {"action": "evaluation_postpone", "id": partnership_id, "due": "2027-11-30",
                "new_date": "2028-01-15", "reason": "Nieuwe wethouder"}  # fmt: skip
    await post(bot, teams.click(postpone))
    [moved] = connector.take()
    assert "15 januari 2028" in moved.activity["text"]
    events = await bot.app[SERVICES].partnerships.events(partnership_id)
    assert [(e.kind, e.due, e.new_due, e.reason) for e in events] == [
        ("completed", date(2026, 11, 30), date(2027, 11, 30), None),
        ("postponed", date(2027, 11, 30), date(2028, 1, 15), "Nieuwe wethouder"),
    ]


async def test_an_old_card_cannot_complete_a_moment_twice(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    done = {"action": "evaluation_done", "id": partnership_id, "due": "2026-11-30"}
    await post(bot, teams.click(done))
    await post(bot, teams.click(done))
    first, second = connector.take()
    assert "is intussen al afgerond of verzet" in second.activity["text"]


async def test_throttled_send_is_retried_and_delivered_once(bot, connector):
    teams = Teams(connector.url)
    await _register(bot, connector, teams, "2026-11-30")
    connector.failures = [429]
    report = await _runner(bot).run(MONDAY_MORNING)
    assert (connector.refused, report.sent, len(connector.take())) == ([429], 1, 1)


async def test_a_send_teams_keeps_refusing_is_tried_again_next_run_then_given_up(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    reminders = bot.app[SERVICES].reminders
    connector.failures = [429] * 4  # every attempt of one run (Pacing.max_attempts)
    first = await _runner(bot).run(MONDAY_MORNING)
    assert (first.sent, first.retried, first.undelivered, connector.take()) == (0, 1, 0, [])
    [stored] = await reminders.for_partnership(partnership_id)
    assert (stored.status, stored.attempts) == ("claimed", 1)  # free for the next run

    second = await _runner(bot).run(MONDAY_MORNING)  # the storm is over
    assert (second.sent, len(connector.take())) == (1, 1)
    [stored] = await reminders.for_partnership(partnership_id)
    assert (stored.status, stored.attempts) == ("sent", 2)

    for _ in range(MAX_CLAIMS):  # a storm that never ends: given up after MAX_CLAIMS runs
        connector.failures = [503] * 4
        await _runner(bot).run(MONDAY_MORNING + timedelta(days=7))
    [_, week_later] = await reminders.for_partnership(partnership_id)
    assert (week_later.status, week_later.attempts) == ("undelivered", MAX_CLAIMS)
    assert connector.take() == []


async def _bot_with_digest_channel(settings: Settings, connector: Any) -> tuple[Any, Teams]:
    """A bot whose weekly digest goes to a team channel it was added to."""
    channel = Teams(connector.url, conversation_type="channel")
    digest = DigestPolicy(conversation_id=channel.conversation_id, weekday=0, hour=9)
    client = await start_bot(dataclasses.replace(settings, digest_policy=digest))
    await post(client, channel.bot_added())
    return client, channel


async def test_removed_app_makes_the_partnership_unreachable(settings, connector):
    client, channel = await _bot_with_digest_channel(settings, connector)
    try:
        partnership_id = await _register(client, connector, Teams(connector.url), "2026-11-30")
        connector.take()
        connector.failures = [403]
        report = await _runner(client).run(MONDAY_MORNING)
        assert (connector.refused, report.undelivered) == ([403], 1)
        services = client.app[SERVICES]
        assert await services.references.personal("aad-anna") is None
        [record] = await services.reminders.undelivered()
        assert record.partnership_id == partnership_id
        [posted] = connector.take()  # only the digest reached Teams
        assert posted.conversation_id == channel.conversation_id
        digest_text = texts(posted.card)
        assert "Regionale Energiestrategie" in digest_text and "geen bereik" in digest_text
        assert "Herinneringen die niet zijn aangekomen" in digest_text
    finally:
        await client.close()


async def test_a_user_teams_refused_is_reachable_again_after_their_next_message(bot, connector):
    teams = Teams(connector.url)
    await _register(bot, connector, teams, "2026-11-30")
    connector.failures = [403]
    await _runner(bot).run(MONDAY_MORNING)
    references = bot.app[SERVICES].references
    assert await references.personal("aad-anna") is None
    await post(bot, teams.message("help"))  # the same reference the bot stored before
    assert await references.personal("aad-anna") is not None


async def test_weekly_digest_goes_to_the_channel_once_a_week(settings, connector):
    client, channel = await _bot_with_digest_channel(settings, connector)
    try:
        await _register(client, connector, Teams(connector.url), "2026-12-15")
        connector.take()
        first = await _runner(client).run(MONDAY_MORNING)
        [posted] = [s for s in connector.take() if s.conversation_id == channel.conversation_id]
        assert first.digest is True
        assert "Regionale Energiestrategie" in texts(posted.card)
        later = await _runner(client).run(datetime(2026, 11, 26, 14, 0, tzinfo=AMSTERDAM))
        assert later.digest is False and connector.take() == []
        next_week = await _runner(client).run(datetime(2026, 11, 30, 9, 5, tzinfo=AMSTERDAM))
        assert next_week.digest is True
    finally:
        await client.close()


async def test_a_crash_between_claim_and_send_sends_exactly_once_after_restart(settings, connector):
    client = await start_bot(settings)
    try:
        await _register(client, connector, Teams(connector.url), "2026-11-30")
    finally:
        await client.close()
    command = [sys.executable, "-m", "bot", "reminders", "run", "--database", settings.database_url]
    crashed = await asyncio.create_subprocess_exec(
        *command, "--now", "2026-11-23T09:30", "--exit-after-claim"
    )
    assert await crashed.wait() == 75
    assert connector.take() == []  # claimed, never sent
    too_soon = await asyncio.create_subprocess_exec(*command, "--now", "2026-11-23T09:35")
    assert await too_soon.wait() == 0
    assert connector.take() == []  # the lease still holds
    restarted = await asyncio.create_subprocess_exec(*command, "--now", "2026-11-23T09:45")
    assert await restarted.wait() == 0
    assert len(connector.take()) == 1
    once_more = await asyncio.create_subprocess_exec(*command, "--now", "2026-11-23T09:50")
    assert await once_more.wait() == 0
    assert connector.take() == []


@pytest.mark.parametrize(("hour", "sent"), [(8, 0), (9, 1)], ids=["before nine", "from nine"])
async def test_a_reminder_goes_out_from_the_configured_hour_on(bot, connector, hour, sent):
    await _register(bot, connector, Teams(connector.url), "2026-12-23")  # 30 days ahead
    report = await _runner(bot).run(datetime(2026, 11, 23, hour, 30, tzinfo=AMSTERDAM))
    assert (report.sent, len(connector.take())) == (sent, sent)


async def test_calendar_link_serves_the_moments_only_with_its_signature(settings, connector):
    client = await start_bot(dataclasses.replace(settings, public_url="https://bot.example.nl"))
    try:
        partnership_id = await _register(client, connector, Teams(connector.url), "2026-11-30")
        url = calendar_url(client.app[SERVICES].settings, partnership_id)
        assert url is not None and url.startswith(
            f"https://bot.example.nl/calendar/{partnership_id}.ics?sig="
        )
        path = url.removeprefix("https://bot.example.nl")
        response = await client.get(path)
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/calendar")
        body = await response.text()
        assert "DTSTART;VALUE=DATE:20261130" in body
        assert "Regionale Energiestrategie" in body
        forged = await client.get(f"/calendar/{partnership_id}.ics?sig=0000")
        assert forged.status == 404
    finally:
        await client.close()


async def test_uninstalling_the_app_stops_reaching_the_user(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.message("help"))
    references = bot.app[SERVICES].references
    assert await references.personal("aad-anna") is not None
    removal = teams.activity("installationUpdate", action="remove")
    assert await post(bot, removal) == 201
    assert await references.personal("aad-anna") is None


@pytest.mark.parametrize(
    ("moment", "runs"),
    [
        # registered 10 days ahead: the 30-day reminder is late; it waits for nine o'clock
        ("2026-12-03", [("2026-11-24T07:03", 0), ("2026-11-24T09:01", 1)]),
        # late on a Saturday: it waits for Monday nine o'clock
        ("2026-12-03", [("2026-11-28T10:00", 0), ("2026-11-30T08:59", 0), ("2026-11-30T09:00", 1)]),
    ],
    ids=["before nine", "weekend"],
)
async def test_a_late_reminder_goes_out_from_the_reminder_hour_on_a_working_day(
    bot, connector, moment, runs
):
    await _register(bot, connector, Teams(connector.url), moment)
    for at, sent in runs:
        report = await _runner(bot).run(datetime.fromisoformat(at).replace(tzinfo=AMSTERDAM))
        assert (at, report.sent, len(connector.take())) == (at, sent, sent)


async def test_reminders_run_prints_why_each_send_failed(settings, connector):
    client = await start_bot(settings)
    try:
        partnership_id = await _register(client, connector, Teams(connector.url), "2026-11-30")
    finally:
        await client.close()
    connector.failures = [400]  # not worth retrying: one attempt
    command = [sys.executable, "-m", "bot", "reminders", "run", "--database", settings.database_url]
    run = await asyncio.create_subprocess_exec(
        *command, "--now", "2026-11-23T09:30", stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await run.communicate()
    assert run.returncode == 0
    lines = stdout.decode().splitlines()
    assert f"  failed: partnership {partnership_id} (connector answered 400)" in lines
    assert "Regionale Energiestrategie" not in stdout.decode()  # no message text
