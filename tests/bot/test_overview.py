"""'overzicht': administrators get a short-lived signed link to the register as CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
from urllib.parse import urlsplit

from bot.web import SERVICES
from tests.bot.cardtext import find_action
from tests.bot.conftest import Teams, post, start_bot
from tests.bot.test_intake_flow import _register

ADMIN = {"id": "29:user-anna", "name": "Anna", "aadObjectId": "aad-anna"}


async def test_an_administrator_downloads_the_overview_through_a_signed_link(settings, connector):
    client = await start_bot(
        dataclasses.replace(
            settings, public_url="https://bot.example.nl", administrators=frozenset({"aad-anna"})
        )
    )
    try:
        teams = Teams(connector.url)
        await _register(client, connector, teams)
        await post(client, teams.message("overzicht"))
        [reply] = connector.take()
        url = find_action(reply.card, "Download het overzicht")["url"]
        assert url.startswith("https://bot.example.nl/export/samenwerkingen.csv?expires=")
        path = urlsplit(url)
        response = await client.get(f"{path.path}?{path.query}")
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(await response.text())))
        assert [row["name"] for row in rows] == ["Netwerk Zorg"]
        forged = path.query.replace("sig=", "sig=0")
        assert (await client.get(f"{path.path}?{forged}")).status == 404
        expired = "expires=1&sig=" + path.query.split("sig=")[1]
        assert (await client.get(f"{path.path}?{expired}")).status == 404
    finally:
        await client.close()


async def test_the_overview_is_for_administrators_only(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.message("overzicht"))
    [reply] = connector.take()
    assert reply.card is None and "alleen voor beheerders" in reply.activity["text"]
    assert bot.app[SERVICES].settings.administrators == frozenset()
