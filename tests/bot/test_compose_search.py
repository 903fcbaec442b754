"""Search from the compose box, through /api/messages as Teams sends it (an invoke)."""

from __future__ import annotations

from typing import Any

from tests.bot.cardtext import texts
from tests.bot.conftest import Teams


def _query(teams: Teams, text: str, skip: int = 0) -> dict[str, Any]:
    return teams.activity(
        "invoke",
        name="composeExtension/query",
        value={
            "commandId": "searchGuide",
            "parameters": [{"name": "query", "value": text}],
            "queryOptions": {"skip": skip, "count": 10},
        },
    )


async def test_typing_in_the_compose_box_lists_matching_questions(bot, connector):
    response = await bot.post("/api/messages", json=_query(Teams(connector.url), "staatssteun"))
    assert response.status == 200
    body = await response.json()
    results = body["composeExtension"]
    assert (results["type"], results["attachmentLayout"]) == ("result", "list")
    first = results["attachments"][0]
    assert first["preview"]["content"]["title"] == "Is er sprake van staatssteun?"
    assert "Juridische Zaken (JUR)" in texts(first["content"])
    assert connector.sent == []  # the answer goes back in the HTTP response only


async def test_empty_query_lists_the_themes_and_next_pages_are_empty(bot, connector):
    teams = Teams(connector.url)
    themes = await (await bot.post("/api/messages", json=_query(teams, ""))).json()
    titles = [a["preview"]["content"]["title"] for a in themes["composeExtension"]["attachments"]]
    assert len(titles) == 8 and "Juridisch" in titles
    more = await (await bot.post("/api/messages", json=_query(teams, "", skip=10))).json()
    assert more["composeExtension"]["attachments"] == []


async def test_other_invokes_get_botbuilder_s_answer(bot, connector):
    activity = Teams(connector.url).activity("invoke", name="unknown/thing", value={})
    response = await bot.post("/api/messages", json=activity)
    assert response.status == 501
