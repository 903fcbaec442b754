"""Phase-aware guidance end to end, through /api/messages: 'fase' for one or several
partnerships or none, the next phase (a formal decision first after onderzoeken), the
governance cycle with its tools, who does what per form, and the evaluation regime that the
importance proposes."""

from __future__ import annotations

from typing import Any

from bot.web import SERVICES
from tests.bot.cardtext import actions, find_action, texts
from tests.bot.conftest import Teams, post
from tests.bot.connector import ConnectorStandIn, Sent


async def _say(client: Any, connector: ConnectorStandIn, teams: Teams, text: str) -> list[Sent]:
    assert await post(client, teams.message(text)) == 201
    return connector.take()


async def _register(
    client: Any,
    connector: ConnectorStandIn,
    teams: Teams,
    *,
    name: str = "Regionale Energiestrategie",
    form: str = "wgr",
    phase: str = "implementeren",
    cadence: str = "jaarlijks",
) -> int:
    form_data = {
        "action": "partnership_form",
        "name": name,
        "form": form,
        "mandated": "false",
        "phase": phase,
        "cadence": cadence,
        "first_evaluation": "2027-06-01",
    }
    await post(client, teams.click(form_data))
    [registered] = connector.take()
    return int(find_action(registered.card, "Bekijk de samenwerking")["data"]["id"])


async def _stored(client: Any, partnership_id: int) -> Any:
    return await client.app[SERVICES].partnerships.get(partnership_id)


async def test_fase_with_one_partnership_shows_its_phase_and_moves_it_to_the_next(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams)
    [reply] = await _say(bot, connector, teams, "in welke fase zit ik")
    shown = texts(reply.card)
    assert "Regionale Energiestrategie: fase Implementeren" in shown
    assert "In het fasenmodel: Inrichten" in shown
    assert "- Is er een gedetailleerde dienstverleningsovereenkomst" in shown  # model question
    assert "Regel dit voordat je verder gaat" in shown
    assert "Helpt het om een Dienstverleningsovereenkomst op te stellen?" in shown  # cap-10
    assert "Intake Communicatie" in shown
    assert "De volgende fase is Institutionaliseren." in shown
    move = find_action(reply.card, "Naar de volgende fase")
    assert move["data"] == {"action": "phase_next", "id": partnership_id, "phase": "implementeren"}

    await post(bot, teams.click(move["data"]) | {"replyToId": "phase-card"})
    [done, *_] = connector.take()
    assert (
        done.activity["text"] == "Regionale Energiestrategie is nu in de fase Institutionaliseren."
    )
    assert (await _stored(bot, partnership_id)).phase == "institutionaliseren"
    [(card_id, updated)] = connector.updated
    assert card_id == "phase-card"
    assert "fase Institutionaliseren" in texts(updated)

    await post(bot, teams.click(move["data"]))  # the same button on another copy of the card
    [stale] = connector.take()
    assert "is al in de fase Institutionaliseren" in stale.activity["text"]
    assert (await _stored(bot, partnership_id)).phase == "institutionaliseren"


async def test_after_onderzoeken_the_next_phase_waits_for_the_formal_decision(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, phase="overwegen")
    [reply] = await _say(bot, connector, teams, "fase")
    shown = texts(reply.card)
    assert "In het fasenmodel: Verkennen en Onderzoeken" in shown
    assert "Eerst een formeel besluit" in shown
    decided = find_action(reply.card, "Besluit genomen, verder")
    assert decided["data"]["decided"] is True
    assert "Naar de volgende fase" not in [a.get("title") for a in actions(reply.card)]

    undecided = {key: value for key, value in decided["data"].items() if key != "decided"}
    await post(bot, teams.click(undecided))
    [refused] = connector.take()
    assert "eindigt met een formeel besluit" in refused.activity["text"]
    assert (await _stored(bot, partnership_id)).phase == "overwegen"

    await post(bot, teams.click(decided["data"]))
    connector.take()
    assert (await _stored(bot, partnership_id)).phase == "onderhandelen"


async def test_fase_asks_which_partnership_when_there_are_several(bot, connector):
    teams = Teams(connector.url)
    first = await _register(bot, connector, teams, name="GGD", phase="evalueren")
    await _register(bot, connector, teams, name="Afvalinzameling")
    [choice] = await _say(bot, connector, teams, "fase")
    assert "In welke fase zit je samenwerking?" in texts(choice.card)
    [pick] = [a for a in actions(choice.card) if a["data"].get("id") == first]
    assert pick["data"]["action"] == "phase_show"
    await post(bot, teams.click(pick["data"]))
    [phase] = connector.take()
    shown = texts(phase.card)
    assert "GGD: fase Evalueren" in shown
    assert "Dit is de laatste fase." in shown
    assert not [a for a in actions(phase.card) if a["data"].get("action") == "phase_next"]


async def test_fase_without_a_partnership_explains_the_phases(bot, connector):
    teams = Teams(connector.url)
    [reply] = await _say(bot, connector, teams, "/fase")
    shown = texts(reply.card)
    assert "De fasen van een samenwerking" in shown
    assert "1. Overwegen en analyseren" in shown
    assert "In het fasenmodel: Organiseren" in shown
    assert find_action(reply.card, "Nieuwe samenwerking")["data"]["action"] == "partnership_new"


async def test_a_colleague_sees_the_phase_without_the_button_and_cannot_move_it(bot, connector):
    anna = Teams(connector.url)
    partnership_id = await _register(bot, connector, anna)
    bert = Teams(connector.url)
    bert_from = {"from": {"id": "29:user-bert", "name": "Bert", "aadObjectId": "aad-bert"}}
    await post(bot, bert.click({"action": "phase_show", "id": partnership_id}) | bert_from)
    [shown] = connector.take()
    assert "fase Implementeren" in texts(shown.card)
    assert not [a for a in actions(shown.card) if a["data"].get("action") == "phase_next"]
    move = {"action": "phase_next", "id": partnership_id, "phase": "implementeren"}
    await post(bot, bert.click(move) | bert_from)
    [refused] = connector.take()
    assert refused.card is None
    assert (await _stored(bot, partnership_id)).phase == "implementeren"


async def test_governancecyclus_names_the_tool_for_each_step(bot, connector):
    teams = Teams(connector.url)
    [reply] = await _say(bot, connector, teams, "governancecyclus")
    shown = texts(reply.card)
    for step in ("Richten", "Inrichten", "Verrichten", "Evalueren"):
        assert step in shown
    assert "In Samenwerkwijzer: de evaluatie met het waarderingskader." in shown
    assert find_action(reply.card, "Evaluatie starten")["data"] == {
        "action": "command",
        "text": "evaluatie",
    }
    assert find_action(reply.card, "Thema's en intakes")["data"]["text"] == "thema's"


async def test_the_partnership_card_shows_who_does_what_for_its_form(bot, connector):
    teams = Teams(connector.url)
    wgr = await _register(bot, connector, teams)
    network = await _register(bot, connector, teams, name="Economic board", form="geen_binding")
    await post(bot, teams.click({"action": "partnership_open", "id": wgr}))
    [card] = connector.take()
    assert "de raad beslist over deelname" in texts(card.card)
    await post(bot, teams.click(find_action(card.card, "Wie doet wat")["data"]))
    [roles] = connector.take()
    assert "Wie doet wat bij een gemeenschappelijke regeling" in texts(roles.card)
    assert "Het AB beslist over strategie, beleid en financiën." in texts(roles.card)

    await post(bot, teams.click({"action": "partnership_open", "id": network}))
    [card] = connector.take()
    await post(bot, teams.click(find_action(card.card, "Wie doet wat")["data"]))
    [roles] = connector.take()
    assert "Wie doet wat bij een netwerk of convenant" in texts(roles.card)
    assert "Een netwerk heeft geen algemeen bestuur." in texts(roles.card)


async def test_wat_doet_het_algemeen_bestuur_is_answered_with_the_role(bot, connector):
    teams = Teams(connector.url)
    [answer] = await _say(bot, connector, teams, "wat doet het algemeen bestuur")
    shown = texts(answer.card)
    assert "Het algemeen bestuur (AB)" in shown
    assert "Bij een gemeenschappelijke regeling (Wgr)" in shown
    assert "Bij een netwerk, convenant of andere vorm" in shown


async def test_politiek_zeer_belangrijk_proposes_the_regime_and_applies_it(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, cadence="tweejaarlijks")
    await post(bot, teams.click({"action": "partnership_open", "id": partnership_id}))
    [card] = connector.take()
    save = find_action(card.card, "Opslaan")  # inside 'Belang bepalen'
    await post(bot, teams.click({**save["data"], "importance": "zeer_belangrijk"}))
    [proposal] = connector.take()
    shown = texts(proposal.card)
    assert "Genoteerd: Regionale Energiestrategie is nu politiek zeer belangrijk" in shown
    assert "volledige evaluatie op de lange termijn agenda van de raad" in shown
    assert "Nu: Elke twee jaar" in shown
    apply = find_action(proposal.card, "Evaluatieregime toepassen")
    await post(bot, teams.click(apply["data"]))
    [done] = connector.take()
    assert "Elk jaar" in done.activity["text"]
    stored = await _stored(bot, partnership_id)
    assert (stored.cadence, stored.evaluation_kind, stored.importance) == (
        "jaarlijks",
        "jaarlijks",
        "zeer_belangrijk",
    )
    await post(bot, teams.click({"action": "partnership_open", "id": partnership_id}))
    [card] = connector.take()
    assert "Het ritme en de soort evaluatie passen hier al bij." in texts(card.card)
    assert "Evaluatieregime toepassen" not in [a.get("title") for a in actions(card.card)]
