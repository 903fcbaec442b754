"""The evaluation loop end to end, through /api/messages: a reminder's Start evaluatie, an
appraisal answered by typing, the result grid, the moment completed and the next one set, a
second appraisal compared with the first, and the summary as text."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.store.appraisals import AppraisalRepository
from bot.web import SERVICES
from tests.bot.cardtext import actions, find_action, texts
from tests.bot.conftest import Teams, post
from tests.bot.connector import ConnectorStandIn, Sent
from tests.bot.test_reminders_flow import MONDAY_MORNING, _register, _runner

RATINGS = [
    "sterk",
    "aandacht, de bijdrage is nog onduidelijk",
    "zorg",
    "voldoende",
    "voldoende",
    "zorgelijk",
    "weet niet",
    "sterk",
    "aandacht",
]
WORDS = ("Sterk", "Voldoende", "Aandacht nodig", "Zorgelijk", "Weet ik niet")


async def _say(client: Any, connector: ConnectorStandIn, teams: Teams, text: str) -> list[Sent]:
    assert await post(client, teams.message(text)) == 201
    return connector.take()


async def _typed_appraisal(
    client: Any, connector: Any, teams: Teams, ratings: list[str], closing: list[str]
) -> list[Any]:
    replies = await _say(client, connector, teams, "Kwetsbaar: weinig uren. Potentieel: groot.")
    for typed in [*ratings, *closing]:
        replies = await _say(client, connector, teams, typed)
    return replies


def _grid_words(card: dict[str, Any] | None) -> list[str]:
    """The rating word of every coloured cell of the grid, row by row."""
    found = []
    for column_set in _of_type(card, "ColumnSet"):
        for column in column_set["columns"]:
            if "style" in column:
                found.append(column["items"][0]["text"])
    return found


def _of_type(node: Any, kind: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == kind:
            found.append(node)
        for value in node.values():
            found += _of_type(value, kind)
    elif isinstance(node, list):
        for value in node:
            found += _of_type(value, kind)
    return found


async def test_start_evaluatie_on_a_reminder_runs_a_typed_appraisal_that_closes_the_moment(
    bot, connector
):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await _runner(bot).run(MONDAY_MORNING)
    [reminder] = connector.take()
    start = find_action(reminder.card, "Start evaluatie")
    assert await post(bot, teams.click(start["data"])) == 201
    [opening] = connector.take()
    assert "Vraag 1 van 14" in texts(opening.card)
    closing = ["onrustig", "ja", "institutionaliseren", "samen maken"]
    [result] = await _typed_appraisal(bot, connector, teams, RATINGS, closing)
    grid = _grid_words(result.card)
    assert grid == [
        "Sterk", "Voldoende", "Weet ik niet",
        "Aandacht nodig", "Voldoende", "Sterk",
        "Zorgelijk", "Zorgelijk", "Aandacht nodig",
    ]  # fmt: skip
    styles = [
        c["style"] for s in _of_type(result.card, "ColumnSet") for c in s["columns"] if "style" in c
    ]
    assert styles[:3] == ["good", "accent", "emphasis"]
    text = texts(result.card)
    assert "Het volgende staat op 30 november 2027" in text
    assert "Dit is de eerste waardering" in text
    assert "Governance" in text and "Maak samen duidelijke afspraken" in text
    services = bot.app[SERVICES]
    stored = await services.partnerships.get(partnership_id)
    assert (stored.next_evaluation, stored.phase) == (date(2027, 11, 30), "institutionaliseren")
    [event] = await services.partnerships.events(partnership_id)
    assert (event.kind, event.due, event.new_due, event.moment_kind) == (
        "completed",
        date(2026, 11, 30),
        date(2027, 11, 30),
        "jaarlijks",
    )
    [appraisal] = await AppraisalRepository(services.database).for_partnership(partnership_id)
    assert [r.rating for r in appraisal.ratings] == [
        "sterk", "aandacht", "zorg",
        "voldoende", "voldoende", "zorg",
        "onbekend", "sterk", "aandacht",
    ]  # fmt: skip
    assert appraisal.ratings[1].note == "de bijdrage is nog onduidelijk"
    markdown = appraisal.summary_markdown
    assert "- Vorm: Gemeenschappelijke regeling (Wgr)\n- Accounthouder: Anna\n" in markdown
    assert "Het evaluatiemoment is afgerond. Het volgende staat op 30 november 2027." in markdown
    assert (appraisal.waters, appraisal.own_organisation_change) == ("onrustig", True)


async def test_a_second_appraisal_from_the_partnership_card_shows_the_comparison(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    connector.take()
    await _typed_appraisal(bot, connector, teams, RATINGS, ["rustig", "nee", "implementeren", "1"])
    await post(bot, teams.click({"action": "partnership_open", "id": partnership_id}))
    [card] = connector.take()
    assert "Laatste waardering: 23 november 2026" in texts(card.card)
    start = find_action(card.card, "Evaluatie starten")
    await post(bot, teams.click(start["data"]))
    connector.take()
    better = ["sterk"] * 9
    [result] = await _typed_appraisal(
        bot, connector, teams, better, ["rustig", "nee", "implementeren", "1"]
    )
    text = texts(result.card)
    assert "vergeleken met de vorige waardering van 23 november 2026" in text
    assert text.count("↑ beter") == 6 + 1  # six cells were below 'sterk'; plus the legend
    assert "Geen onderdeel scoort" in text
    markdown = find_action(result.card, "Samenvatting als tekst")
    await post(bot, teams.click(markdown["data"]))
    [summary] = connector.take()
    assert summary.activity["textFormat"] == "markdown"
    assert "| Ambitie en plannen | Sterk = | Sterk ↑ | Sterk |" in summary.activity["text"]


async def test_evaluatie_lists_ones_partnerships_and_a_new_one_is_offered_registration(
    bot, connector
):
    teams = Teams(connector.url)
    await _register(bot, connector, teams, "2026-11-30")
    [listing] = await _say(bot, connector, teams, "evaluatie")
    assert "Regionale Energiestrategie" in texts(listing.card)
    other = find_action(listing.card, "Andere samenwerking")
    await post(bot, teams.click(other["data"]))
    [name] = connector.take()
    assert "Hoe heet de samenwerking" in texts(name.card)
    await _say(bot, connector, teams, "Netwerk Jeugdzorg")
    [result] = await _typed_appraisal(
        bot, connector, teams, ["voldoende"] * 9, ["rustig", "nee", "overwegen", "sturen"]
    )
    register = find_action(result.card, "Samenwerking registreren")
    await post(bot, teams.click(register["data"]))
    [question] = connector.take()
    assert "Vraag 2 van 9" in texts(question.card)  # the name is known already
    for typed in ["overslaan", "overslaan", "1", "nee", "1", "geen", "standaard"]:
        await _say(bot, connector, teams, typed)
    [registered] = await _say(bot, connector, teams, "standaard")
    assert "Netwerk Jeugdzorg is geregistreerd" in texts(registered.card)
    services = bot.app[SERVICES]
    [mine] = [
        p for p in await services.partnerships.mine("aad-anna") if p.name == "Netwerk Jeugdzorg"
    ]
    [appraisal] = await AppraisalRepository(services.database).for_partnership(mine.id)
    assert appraisal.partnership_name == "Netwerk Jeugdzorg"


async def test_a_phase_answered_before_the_registered_one_changes_only_when_confirmed(
    bot, connector
):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    connector.take()
    result, question = await _typed_appraisal(
        bot, connector, teams, ["voldoende"] * 9, ["rustig", "nee", "onderhandelen", "zakelijk"]
    )
    services = bot.app[SERVICES]
    assert (await services.partnerships.get(partnership_id)).phase == "implementeren"
    yes = find_action(question.card, "Ja, fase terugzetten")
    await post(bot, teams.click(yes["data"]))
    [done] = connector.take()
    assert "is nu Onderhandelen" in done.activity["text"]
    assert (await services.partnerships.get(partnership_id)).phase == "onderhandelen"


async def test_someone_else_cannot_appraise_or_read_anothers_appraisal(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    connector.take()
    [result] = await _typed_appraisal(
        bot, connector, teams, ["voldoende"] * 9, ["rustig", "nee", "implementeren", "zakelijk"]
    )
    markdown = find_action(result.card, "Samenvatting als tekst")["data"]
    bob = Teams(connector.url)
    bob.user_id = "29:user-bob"
    for activity in (bob.click({"action": "appraisal_start", "id": partnership_id}),
                     bob.click(markdown)):  # fmt: skip
        activity["from"] = {"id": "29:user-bob", "name": "Bob", "aadObjectId": "aad-bob"}
        await post(bot, activity)
    refused, unknown = connector.take()
    assert "Alleen de accounthouder" in refused.activity["text"]
    assert "kan ik niet (meer) vinden" in unknown.activity["text"]
    assert all(a["data"].get("action") != "appraisal_form" for a in actions(result.card))


async def test_typed_stop_with_answers_asks_and_ja_stop_throws_the_appraisal_away(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    connector.take()
    await _say(bot, connector, teams, "Potentieel: samen inkopen")
    await _say(bot, connector, teams, "sterk")
    [confirm] = await _say(bot, connector, teams, "stop")
    await post(bot, teams.click(find_action(confirm.card, "Ja, stop")["data"]))
    [stopped] = connector.take()
    assert "niets bewaard" in stopped.activity["text"]
    services = bot.app[SERVICES]
    assert await AppraisalRepository(services.database).for_partnership(partnership_id) == []
    assert (await services.partnerships.get(partnership_id)).next_evaluation == date(2026, 11, 30)


async def test_an_appraisal_asked_for_during_an_intake_starts_once_that_is_stopped(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"}))
    connector.take()
    await _say(bot, connector, teams, "ja")  # an answer: stopping the intake asks first
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    [offer] = connector.take()
    assert "intake Juridisch" in texts(offer.card)
    await post(bot, teams.click(find_action(offer.card, "Intake stoppen")["data"]))
    [confirm] = connector.take()
    assert "Weet je zeker dat je wilt stoppen?" in texts(confirm.card)
    await post(bot, teams.click(find_action(confirm.card, "Ja, stoppen")["data"]))
    stopped, opening = connector.take()
    assert "intake Juridisch" in stopped.activity["text"]
    assert "Vraag 1 van 14 · Regionale Energiestrategie" in texts(opening.card)


async def test_privacy_counts_ones_appraisals_and_delete_forgets_who_filled_them_in(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    connector.take()
    await _typed_appraisal(
        bot, connector, teams, ["voldoende"] * 9, ["rustig", "nee", "implementeren", "zakelijk"]
    )
    [privacy] = await _say(bot, connector, teams, "privacy")
    assert "Dat jij 1 waardering invulde" in texts(privacy.card)
    await post(bot, teams.click({"action": "confirm", "confirm": "delete_my_data"}))
    connector.take()
    appraisals = AppraisalRepository(bot.app[SERVICES].database)
    assert await appraisals.by_user("aad-anna") == []
    [kept] = await appraisals.for_partnership(partnership_id)
    assert kept.user_id == ""


async def test_three_forms_through_the_chat_complete_the_appraisal(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    connector.take()
    [form] = await _say(bot, connector, teams, "formulier")
    values: dict[str, Any] = {"opening": "Potentieel: gedeelde data"}
    for number, perspective in enumerate(("gemeente", "partners", "context"), 1):
        send = find_action(form.card, "Volgende" if number < 3 else "Versturen")["data"]
        if number == 3:
            values = {"waters": "rustig", "own_change": "nee", "phase": "evalueren"}
        ratings = {f"rating__{perspective}.{row}": "voldoende"
                   for row in ("ambitie", "capaciteit", "governance")}  # fmt: skip
        click = teams.click({**send, **ratings, **values}) | {"replyToId": f"form-{number}"}
        assert await post(bot, click) == 201
        [form] = connector.take()
        values = {}
    assert "Waardering van Regionale Energiestrategie" in texts(form.card)
    assert _grid_words(form.card) == ["Voldoende"] * 9
    assert [card_id for card_id, _ in connector.updated] == ["form-1", "form-2", "form-3"]
    stored = await bot.app[SERVICES].partnerships.get(partnership_id)
    assert (stored.phase, stored.next_evaluation) == ("evalueren", date(2027, 11, 30))


async def test_the_account_holder_sets_the_importance_for_council_and_college(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "partnership_open", "id": partnership_id}))
    [card] = connector.take()
    assert "Belang voor raad en college: nog niet bepaald" in texts(card.card)
    save = find_action(card.card, "Opslaan")  # inside 'Belang bepalen'
    await post(bot, teams.click({**save["data"], "importance": "zeer_belangrijk"}))
    [done] = connector.take()  # with the evaluation regime this importance proposes
    assert "politiek zeer belangrijk voor raad en college" in texts(done.card)
    assert (
        await bot.app[SERVICES].partnerships.get(partnership_id)
    ).importance == "zeer_belangrijk"
    await post(bot, teams.click({**save["data"], "importance": "heel_erg"}))
    [refused] = connector.take()
    assert (
        await bot.app[SERVICES].partnerships.get(partnership_id)
    ).importance == "zeer_belangrijk"
    assert refused.card is None


async def test_an_unfinished_form_offers_to_continue_at_its_part(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams, "2026-11-30")
    await post(bot, teams.click({"action": "appraisal_start", "id": partnership_id}))
    connector.take()
    [form] = await _say(bot, connector, teams, "formulier")
    send = find_action(form.card, "Volgende")["data"]
    await post(bot, teams.click({**send, "rating__gemeente.ambitie": "sterk"}))
    connector.take()
    await post(bot, teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"}))
    [offer] = connector.take()
    assert "deel 2 van 3 van het formulier" in texts(offer.card)
    await post(bot, teams.click(find_action(offer.card, "Verdergaan")["data"]))
    resumed, again = connector.take()
    assert "bij deel 2 van 3" in resumed.activity["text"]
    assert "Deel 2 van 3: Samenwerking en partners" in texts(again.card)
