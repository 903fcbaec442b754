"""A failed turn loses nothing, and a turn never keeps Teams waiting past its 15 seconds."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.store.database import TurnLockUnavailable
from bot.teams import budget
from bot.web import BOT, DATABASE
from tests.bot.cardtext import texts
from tests.bot.conftest import Teams, post

STEPS = {"action": "intake_start", "theme": "juridisch", "mode": "steps"}


async def _intake_state(client: Any, teams: Teams) -> dict[str, Any]:
    """The running intake as stored in the database (not as cached in memory)."""
    [row] = await client.app[DATABASE].query(
        "SELECT data FROM state WHERE key = ?", (f"msteams/conversations/{teams.conversation_id}",)
    )
    [frame] = json.loads(row["data"])["dialogs"]["stack"]
    state: dict[str, Any] = frame["state"]
    return state


def _code(apology: Any) -> str:
    text = apology.activity["text"]
    assert text.startswith("Sorry, er ging iets mis")
    return str(text.split("code ")[1].split(" ")[0].rstrip("."))


@pytest.mark.parametrize(
    "failure", ["connector answers 500", "bug in the turn", "no conversation lock"]
)
async def test_a_turn_failing_mid_intake_keeps_the_intake(
    bot, connector, caplog, monkeypatch, failure
):
    teams = Teams(connector.url)
    await post(bot, teams.click(STEPS))
    await post(bot, teams.message("ja"))
    assert "Vraag 2 van 8" in texts(connector.take()[-1].card)
    before = await _intake_state(bot, teams)
    assert (before["index"], before["answers"]) == (1, {"jur-1": "ja"})

    if failure == "connector answers 500":
        connector.failures = [500]  # the next question cannot be delivered
    elif failure == "no conversation lock":  # the database went out of reach

        def unavailable(key: str) -> Any:
            raise TurnLockUnavailable("no conversation lock: PoolTimeout")

        monkeypatch.setattr(bot.app[DATABASE], "conversation_turn", unavailable)
    else:
        guided = bot.app[BOT].router._guided

        async def broken(*args: Any, **kwargs: Any) -> None:
            raise RuntimeError("dialog broke")

        monkeypatch.setattr(guided, "take_typed", broken)
    with caplog.at_level(logging.ERROR, logger="bot.web"):
        assert await post(bot, teams.message("nee")) == 201
    [apology] = connector.take()
    code = _code(apology)
    [record] = [r for r in caplog.records if r.getMessage().startswith("turn failed")]
    assert code in record.getMessage()
    assert await _intake_state(bot, teams) == before  # nothing lost, nothing half-saved
    monkeypatch.undo()

    await post(bot, teams.message("nee"))  # the user answers the question again
    [third] = connector.take()
    assert "Vraag 3 van 8" in texts(third.card)
    after = await _intake_state(bot, teams)
    assert (after["index"], after["answers"]) == (2, {"jur-1": "ja", "jur-2": "nee"})


class _Silent:
    """A connector that accepts every connection and never answers."""

    def __init__(self) -> None:
        self.requests = 0
        self.server: TestServer | None = None

    async def start(self) -> str:
        async def hang(request: web.Request) -> web.Response:
            self.requests += 1
            await asyncio.sleep(3600)
            return web.Response()

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", hang)
        self.server = TestServer(app, host="127.0.0.1")
        await self.server.start_server()
        return f"http://127.0.0.1:{self.server.port}/"

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()


@pytest.fixture
async def silent():
    connector = _Silent()
    yield connector
    await connector.close()


async def test_a_silent_connector_costs_one_budget_and_no_apology(bot, silent, caplog, monkeypatch):
    monkeypatch.setattr(budget, "TURN_SECONDS", 0.6)
    teams = Teams(await silent.start())
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        status = await post(bot, teams.message("help"))
    elapsed = time.monotonic() - started
    assert status == 201
    assert elapsed < 2.0  # one budget, not a send timeout per message
    assert silent.requests == 1  # the reply; no apology once the budget is spent
    [failed] = [r for r in caplog.records if r.getMessage().startswith("turn failed")]
    code = failed.getMessage().split("[")[1].rstrip("]")
    assert any(
        r.getMessage() == f"no time left in the turn to apologise [{code}]" for r in caplog.records
    )


async def test_a_turn_that_hangs_elsewhere_is_answered_in_time(bot, connector, monkeypatch):
    monkeypatch.setattr(budget, "SAFETY_SECONDS", 0.5)

    async def hang(turn_context: Any) -> None:
        await asyncio.sleep(3600)

    monkeypatch.setattr(bot.app[BOT], "on_message_activity", hang)
    teams = Teams(connector.url)
    started = time.monotonic()
    assert await post(bot, teams.message("help")) == 202
    assert time.monotonic() - started < 2.0
    monkeypatch.undo()
    assert await post(bot, teams.message("help")) == 201  # the conversation is free again


async def test_the_budget_is_one_for_all_sends_of_a_turn():
    with budget.turn_budget(0.5):
        assert budget.send_timeout(10.0) <= 0.5
        await asyncio.sleep(0.6)
        with pytest.raises(budget.BudgetSpent):
            budget.send_timeout(10.0)
    assert budget.remaining() is None  # outside a turn: proactive sends keep their own limit
    assert budget.send_timeout(10.0) == 10.0
