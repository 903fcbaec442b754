"""Two `python app.py` instances on one PostgreSQL schema, like behind a load balancer.

1. The turns of a guided intake alternate between the instances, and the last two answers
   arrive at once, one at each: nothing is lost, no reply is doubled (the per-conversation
   advisory lock serialises them across processes).
2. SIGKILL mid-intake, while the killed instance holds the conversation's lock in a turn:
   the other instance continues where the intake was, at once, and it completes.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp
import pytest

from tests.reliability.harness import BotProcess, ScriptedConnector, User, send, started
from tests.reliability.intakes import (
    ANSWERS,
    QUESTIONS,
    START,
    answers_of,
    is_summary,
    question_number,
    stored_intakes,
)

USERS = 6
REPLY_SECONDS = 0.5


async def _sequential(
    session: aiohttp.ClientSession, bot: BotProcess, user: User
) -> list[tuple[int, float]]:
    results = [await send(session, bot, user.click(START))]
    for answer in ANSWERS:
        results.append(await send(session, bot, user.message(answer)))
    return results


async def test_alternating_and_simultaneous_turns_lose_nothing_and_double_nothing(
    pg_url: str, connector: ScriptedConnector, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    a, b = BotProcess("a", pg_url, tmp_path), BotProcess("b", pg_url, tmp_path)
    async with started(a, b):
        baseline = User(connector.url, "baseline")
        assert {status for status, _ in await _sequential(session, a, baseline)} == {201}
        [expected] = await stored_intakes(pg_url, baseline.aad)
        assert len(expected.answers) == QUESTIONS
        per_turn = connector.per_conversation()[baseline.conversation_id]
        assert per_turn == QUESTIONS + 1  # one reply a turn: 8 questions and the summary

        async def alternating(user: User) -> list[int]:
            instances = (a, b)
            statuses = [(await send(session, a, user.click(START)))[0]]
            for number, answer in enumerate(ANSWERS[:-2]):
                target = instances[(number + 1) % 2]  # B, A, B, ...
                statuses.append((await send(session, target, user.message(answer)))[0])
            return statuses

        async def simultaneous(user: User) -> tuple[tuple[int, float], tuple[int, float]]:
            """The last two answers at the same moment, one to each instance."""
            return await asyncio.gather(
                send(session, a, user.message(ANSWERS[-2])),
                send(session, b, user.message(ANSWERS[-1])),
            )

        users = [User(connector.url, f"user-{n}") for n in range(USERS)]
        statuses = await asyncio.gather(*(alternating(user) for user in users))
        assert {s for row in statuses for s in row} == {201}
        # Each turn now holds its conversation's lock for REPLY_SECONDS (its reply is slow):
        # the turn on the other instance must wait for it, not run alongside.
        connector.delay = REPLY_SECONDS
        pairs = await asyncio.gather(*(simultaneous(user) for user in users))
        connector.delay = 0.0
        assert {status for pair in pairs for status, _ in pair} == {201}
        for pair in pairs:
            quick, slow = sorted(seconds for _, seconds in pair)
            assert slow >= 2 * REPLY_SECONDS - 0.05, (quick, slow)  # one after the other

        counts = connector.per_conversation()
        for user in users:
            replies = [s for s in connector.messages() if s.conversation_id == user.conversation_id]
            assert counts[user.conversation_id] == per_turn, [question_number(r) for r in replies]
            numbers = [question_number(r) for r in replies]
            assert numbers[:-1] == list(range(1, QUESTIONS + 1)), numbers  # none twice
            assert is_summary(replies[-1])
            [stored] = await stored_intakes(pg_url, user.aad)
            assert answers_of(stored) == answers_of(expected)


async def test_sigkill_mid_intake_the_other_instance_continues(
    pg_url: str, connector: ScriptedConnector, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    a, b = BotProcess("a", pg_url, tmp_path), BotProcess("b", pg_url, tmp_path)
    async with started(a, b):
        anna = User(connector.url, "anna")
        half = QUESTIONS // 2
        assert (await send(session, a, anna.click(START)))[0] == 201
        for answer in ANSWERS[:half]:
            assert (await send(session, a, anna.message(answer)))[0] == 201
        assert question_number(connector.take()[-1]) == half + 1

        # A turn on A is under way (its reply hangs at the connector, A holds the
        # conversation's lock, nothing of the turn is saved yet) when A is killed.
        connector.delay = 3.0
        in_flight = asyncio.create_task(send(session, a, anna.message(ANSWERS[half])))
        while connector.in_flight == 0:
            await asyncio.sleep(0.01)
        a.kill()
        with pytest.raises(aiohttp.ClientError):
            await in_flight  # Teams would resend, or the user types the answer again
        connector.delay = 0.0

        begin = time.monotonic()
        status, seconds = await send(session, b, anna.message(ANSWERS[half]))
        assert status == 201
        assert seconds < 2.0, f"B waited {seconds:.1f} s for the dead instance's lock"
        replies = [r for r in connector.take() if r.conversation_id == anna.conversation_id]
        assert [question_number(r) for r in replies][-1:] == [half + 2]
        for answer in ANSWERS[half + 1 :]:
            assert (await send(session, b, anna.message(answer)))[0] == 201
        await asyncio.sleep(max(0.0, 3.2 - (time.monotonic() - begin)))  # A's late reply
        replies = [r for r in connector.take() if r.conversation_id == anna.conversation_id]
        assert is_summary(replies[-1])

        baseline = User(connector.url, "baseline")
        await _sequential(session, b, baseline)
        [expected] = await stored_intakes(pg_url, baseline.aad)
        [stored] = await stored_intakes(pg_url, anna.aad)
        assert answers_of(stored) == answers_of(expected)
        assert len(stored.answers) == QUESTIONS
