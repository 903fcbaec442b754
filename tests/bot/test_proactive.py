"""Proactive sends: retried after 429 and 5xx within bounds, never after 403/404, paced."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bot.teams.proactive import Delivery, Pacer, Pacing, ProactiveSender
from bot.web import ADAPTER
from tests.bot.conftest import Teams

FAST = Pacing(per_conversation_seconds=0, per_app_per_second=1000, base_backoff_seconds=0.01)


def _reference(teams: Teams) -> dict[str, Any]:
    activity = teams.message("x")
    return {
        "channelId": "msteams",
        "serviceUrl": activity["serviceUrl"],
        "conversation": activity["conversation"],
        "bot": activity["recipient"],
        "user": activity["from"],
    }


CARD = {"type": "AdaptiveCard", "version": "1.5", "body": []}


@pytest.mark.parametrize(
    ("failures", "delivery", "attempts"),
    [
        ([], Delivery.SENT, 1),
        ([429, 429], Delivery.SENT, 3),
        ([500, 503], Delivery.SENT, 3),
        ([500, 500, 500, 500], Delivery.FAILED, 4),
        ([403], Delivery.UNREACHABLE, 1),
        ([404], Delivery.UNREACHABLE, 1),
        ([400], Delivery.FAILED, 1),
    ],
)
async def test_retries_follow_the_answer(bot, connector, failures, delivery, attempts):
    connector.failures = list(failures)
    sender = ProactiveSender(bot.app[ADAPTER], "", FAST)
    assert await sender.send_card(_reference(Teams(connector.url)), CARD) is delivery
    assert len(connector.refused) + len(connector.messages()) == attempts


async def test_a_busy_conversation_does_not_hold_up_the_others():
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    pacer = Pacer(Pacing(per_conversation_seconds=1.0, per_app_per_second=1000), record)
    await pacer.wait_turn("a")
    await pacer.wait_turn("a")
    await pacer.wait_turn("b")
    assert 0.9 < waits[0] <= 1.0  # the same conversation waits a second
    assert all(wait < 0.01 for wait in waits[1:])  # another one only its app-wide slot


async def test_retry_after_is_honoured(bot, connector):
    waits: list[float] = []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    connector.failures = [429]
    connector.retry_after = "7"
    sender = ProactiveSender(bot.app[ADAPTER], "", FAST, sleep=record)
    assert await sender.send_card(_reference(Teams(connector.url)), CARD) is Delivery.SENT
    assert [wait for wait in waits if wait > 0.01] == [7.0]


async def test_each_failed_attempt_says_why_without_the_message(bot, connector):
    connector.failures = [503, 429]
    sender = ProactiveSender(bot.app[ADAPTER], "", FAST)
    outcome = await sender.deliver(_reference(Teams(connector.url)), CARD)
    assert (outcome.delivery, outcome.reasons) == (
        Delivery.SENT,
        ("connector answered 503", "connector answered 429"),
    )


async def test_a_closed_connector_port_is_named_as_a_connection_error(bot, unused_tcp_port):
    sender = ProactiveSender(bot.app[ADAPTER], "", dataclasses.replace(FAST, max_attempts=2))
    outcome = await sender.deliver(_reference(Teams(f"http://127.0.0.1:{unused_tcp_port}/")), CARD)
    assert outcome.delivery is Delivery.FAILED
    assert [reason.split(" (")[0] for reason in outcome.reasons] == [
        f"cannot connect to 127.0.0.1:{unused_tcp_port}"
    ] * 2
