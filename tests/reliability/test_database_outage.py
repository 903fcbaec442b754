"""PostgreSQL unreachable for 30 s (a TCP proxy between bot and database cuts every
connection and refuses new ones): /readyz says so within seconds, a turn in that window is
answered in time with the apology and its reference code, the intake begun before goes on
afterwards, and the bot recovers by itself when the database is back."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import aiohttp

from tests.reliability.harness import (
    APOLOGY_START,
    BotProcess,
    ScriptedConnector,
    TcpProxy,
    User,
    send,
    started,
    target_of,
)
from tests.reliability.intakes import (
    ANSWERS,
    QUESTIONS,
    START,
    answers_of,
    is_summary,
    question_number,
    stored_intakes,
)

OUTAGE_SECONDS = 30.0
CODE = re.compile(r"Noem code ([0-9a-f]{8}) ")


async def _ready(session: aiohttp.ClientSession, bot: BotProcess) -> tuple[int, bool, float]:
    begin = time.perf_counter()
    async with session.get(f"{bot.url}/readyz") as response:
        body = await response.json()
        return response.status, body["checks"]["database"], time.perf_counter() - begin


async def test_thirty_seconds_without_postgresql(
    pg_url: str,
    connector: ScriptedConnector,
    session: aiohttp.ClientSession,
    tmp_path: Path,
    record_property,
) -> None:
    proxy = TcpProxy(*target_of(pg_url)).start()
    try:
        bot = BotProcess("a", proxy.via(pg_url), tmp_path, SCHEDULER_INTERVAL_SECONDS=1)
        async with started(bot):
            anna = User(connector.url, "anna")
            assert (await send(session, bot, anna.click(START)))[0] == 201
            for answer in ANSWERS[:2]:
                assert (await send(session, bot, anna.message(answer)))[0] == 201
            assert question_number(connector.take()[-1]) == 3
            assert (await _ready(session, bot))[:2] == (200, True)

            proxy.cut()
            cut = time.monotonic()
            while (ready := await _ready(session, bot))[0] != 503:
                await asyncio.sleep(0.1)
            not_ready_after = time.monotonic() - cut
            assert ready[1] is False
            assert not_ready_after < 7.0, f"readyz said 503 only after {not_ready_after:.1f} s"

            turns = []
            for text in (ANSWERS[2], "moeten we een verwerkersovereenkomst afsluiten"):
                status, seconds = await send(session, bot, anna.message(text))
                [reply] = connector.take()
                assert reply.activity["text"].startswith(APOLOGY_START), reply.activity
                assert CODE.search(reply.activity["text"]), reply.activity["text"]
                assert seconds < 15.0 and status < 500, (status, seconds)
                turns.append((status, round(seconds, 2)))
            readyz_seconds = [(await _ready(session, bot))[2]]
            await asyncio.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - cut)))
            readyz_seconds.append((await _ready(session, bot))[2])

            proxy.restore()
            restored = time.monotonic()
            while (await _ready(session, bot))[0] != 200:
                await asyncio.sleep(0.1)
            ready_after = time.monotonic() - restored
            status, seconds = await send(session, bot, anna.message(ANSWERS[2]))
            turn_after = time.monotonic() - restored
            assert status == 201
            [reply] = connector.take()
            assert question_number(reply) == 4, reply.activity  # the answers before are kept
            for answer in ANSWERS[3:]:
                assert (await send(session, bot, anna.message(answer)))[0] == 201
            assert is_summary(connector.take()[-1])

            figures = {
                "readyz_503_after_s": round(not_ready_after, 2),
                "turns_in_outage_status_s": turns,
                "readyz_in_outage_s": [round(s, 2) for s in readyz_seconds],
                "readyz_200_after_restore_s": round(ready_after, 2),
                "first_turn_done_after_restore_s": round(turn_after, 2),
            }
            record_property("outage", figures)
            print(figures)
            assert ready_after < 10.0
            baseline = User(connector.url, "baseline")  # the same answers, no outage
            assert (await send(session, bot, baseline.click(START)))[0] == 201
            for answer in ANSWERS:
                assert (await send(session, bot, baseline.message(answer)))[0] == 201
        [expected] = await stored_intakes(pg_url, baseline.aad)
        [stored] = await stored_intakes(pg_url, anna.aad)
        assert len(stored.answers) == QUESTIONS
        assert answers_of(stored) == answers_of(expected)
    finally:
        proxy.close()
