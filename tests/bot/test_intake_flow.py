"""Intakes and the register end to end, through /api/messages."""

from __future__ import annotations

from bot.cards import unknown_item_text
from bot.web import SERVICES
from tests.bot.cardtext import actions, find_action, texts
from tests.bot.conftest import Teams, post, start_bot


async def _say(client, connector, teams: Teams, text: str):
    assert await post(client, teams.message(text)) == 201
    return connector.take()


async def test_juridisch_intake_answered_by_typing_names_jur_in_its_summary(bot, connector):
    teams = Teams(connector.url)
    [choice] = await _say(bot, connector, teams, "intake juridisch")
    steps = find_action(choice.card, "Stap voor stap")
    await post(bot, teams.click(steps["data"]))
    [first] = connector.take()
    assert "Vraag 1 van 8" in texts(first.card)
    assert "Is er een overeenkomst?" in texts(first.card)
    answers = ["nee, nog niet", "ja", "nvt", "weet niet", "ja", "nee", "overslaan", "nee"]
    replies = []
    for answer in answers:
        replies += await _say(bot, connector, teams, answer)
    summary = replies[-1]
    text = texts(summary.card)
    assert "Samenvatting intake Juridisch" in text
    assert "Juridische Zaken (JUR)" in text
    assert "Is er sprake van staatssteun?" in text  # 'ja' on staatssteun is an open point
    assert "7 van 8 vragen beantwoord" in text


async def test_registered_partnership_is_listed_in_mijn_samenwerkingen(bot, connector):
    teams = Teams(connector.url)
    [form] = await _say(bot, connector, teams, "nieuwe samenwerking")
    submit = find_action(form.card, "Registreren")
    values = {
        **submit["data"],
        "name": "Regionale Energiestrategie",
        "purpose": "Samen duurzame energie opwekken.",
        "partners": "provincie, Breda, Waalwijk",
        "form": "wgr",
        "mandated": "false",
        "phase": "overwegen",
        "flags": "personal_data,municipal_money",
        "first_evaluation": "2027-03-01",
        "cadence": "jaarlijks",
    }
    assert await post(bot, teams.click(values)) == 201
    [registered] = connector.take()
    assert "Regionale Energiestrategie is geregistreerd" in texts(registered.card)
    assert any(a["data"].get("action") == "intake_start" for a in actions(registered.card))
    [listing] = await _say(bot, connector, teams, "mijn samenwerkingen")
    assert "Regionale Energiestrategie" in texts(listing.card)


async def test_intake_continues_after_a_restart_on_the_same_database(settings, connector):
    teams = Teams(connector.url)
    first = await start_bot(settings)
    await post(
        first, teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"})
    )
    await post(first, teams.message("ja"))
    [second_question] = connector.take()[-1:]
    assert "Vraag 2 van 8" in texts(second_question.card)
    await first.close()
    restarted = await start_bot(settings)
    try:
        await post(restarted, teams.message("nee"))
        [third] = connector.take()
        assert "Vraag 3 van 8" in texts(third.card)
    finally:
        await restarted.close()


REGISTRATION = {
    "action": "partnership_form",
    "account_holder": "me",
    "name": "Netwerk Zorg",
    "form": "overeenkomst",
    "mandated": "false",
    "phase": "implementeren",
    "cadence": "jaarlijks",
    "first_evaluation": "2027-05-01",
}


async def _register(client, connector, teams: Teams) -> int:
    await post(client, teams.click(REGISTRATION))
    [registered] = connector.take()
    opener = next(
        a for a in actions(registered.card) if a["data"].get("action") == "partnership_open"
    )
    return int(opener["data"]["id"])


async def test_account_holder_changes_phase_and_date_and_archives(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams)
    update = {"action": "partnership_update", "id": partnership_id, "phase": "evalueren",
              "next_evaluation": "2027-06-15", "cadence": "halfjaarlijks",
              "evaluation_kind": "volledig"}  # fmt: skip
    await post(bot, teams.click(update))
    [card] = connector.take()
    assert "Evalueren" in texts(card.card) and "15 juni 2027" in texts(card.card)
    assert "Volledige evaluatie" in texts(card.card)
    await post(bot, teams.click({"action": "partnership_archive", "id": partnership_id}))
    [question] = connector.take()
    assert "Weet je zeker" in texts(question.card)
    assert not (await bot.app[SERVICES].partnerships.get(partnership_id)).archived
    await post(bot, teams.click(find_action(question.card, "Ja, archiveren")["data"]))
    [archived] = connector.take()
    assert "gearchiveerd" in archived.activity["text"]
    assert (await bot.app[SERVICES].partnerships.get(partnership_id)).archived
    [listing] = await _say(bot, connector, teams, "mijn samenwerkingen")
    assert "Netwerk Zorg" not in texts(listing.card)


async def test_others_may_open_but_not_change_a_partnership(bot, connector):
    anna = Teams(connector.url)
    partnership_id = await _register(bot, connector, anna)
    bram = Teams(connector.url)
    bram.user_id = "29:user-bram"
    bram_activity = bram.click({"action": "partnership_archive", "id": partnership_id})
    bram_activity["from"] = {"id": "29:user-bram", "name": "Bram", "aadObjectId": "aad-bram"}
    await post(bot, bram_activity)
    [refused] = connector.take()
    assert refused.activity["text"].startswith("Alleen de accounthouder")
    opened = bram.click({"action": "partnership_open", "id": partnership_id})
    opened["from"] = bram_activity["from"]
    await post(bot, opened)
    [card] = connector.take()
    assert "Netwerk Zorg" in texts(card.card) and "Archiveren" not in texts(card.card)


async def test_intake_for_a_partnership_shows_on_its_card_with_a_markdown_summary(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams)
    start = {
        "action": "intake_start",
        "theme": "communicatie",
        "mode": "form",
        "partnership": partnership_id,
    }
    await post(bot, teams.click(start))
    connector.take()
    await post(
        bot, teams.click({"action": "intake_form", "theme": "communicatie", "answer__com-3": "ja"})
    )
    [summary] = connector.take()
    assert "voor Netwerk Zorg" in texts(summary.card)
    markdown = find_action(summary.card, "Samenvatting als tekst")
    await post(bot, teams.click(markdown["data"]))
    [document] = connector.take()
    assert document.activity["textFormat"] == "markdown"
    assert document.activity["text"].startswith(
        "# Samenvatting intake Communicatie en participatie"
    )
    await post(bot, teams.click({"action": "partnership_open", "id": partnership_id}))
    [card] = connector.take()
    assert "Communicatie en participatie" in texts(card.card)


async def test_starting_something_new_during_an_intake_offers_resume_or_discard(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"}))
    await _say(bot, connector, teams, "ja")
    [offer] = await _say(bot, connector, teams, "nieuwe samenwerking")
    assert "vraag 2 van 8" in texts(offer.card).lower()
    await post(bot, teams.click({"action": "dialog_continue"}))
    resumed, question = connector.take()
    assert "verder met de intake Juridisch" in resumed.activity["text"]
    assert "Vraag 2 van 8" in texts(question.card)
    await _say(bot, connector, teams, "intake financien")
    await post(bot, teams.click({"action": "dialog_stop"}))
    [question] = connector.take()  # one answer was given: asked before it is thrown away
    await post(bot, teams.click(find_action(question.card, "Ja, stoppen")["data"]))
    discarded, started = connector.take()
    assert "Vraag 1 van 7 · Financiën" in texts(started.card)


async def test_commands_answer_during_an_intake_and_the_intake_waits(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"}))
    connector.take()
    [themes] = await _say(bot, connector, teams, "thema's")
    assert "Juridisch" in texts(themes.card)
    [second] = await _say(bot, connector, teams, "ja")
    assert "Vraag 2 van 8" in texts(second.card)


async def test_privacy_lists_partnerships_and_delete_keeps_what_the_organisation_needs(
    bot, connector
):
    teams = Teams(connector.url)
    await _register(bot, connector, teams)
    [privacy] = await _say(bot, connector, teams, "privacy")
    assert "bij 1 samenwerking waarvan" in texts(privacy.card)
    [question] = await _say(bot, connector, teams, "verwijder mijn gegevens")
    await post(bot, teams.click(find_action(question.card, "Ja, verwijderen")["data"]))
    deleted, held = connector.take()
    assert "'Netwerk Zorg'" in held.activity["text"]


async def _colleague_with_the_app(client, connector, aad: str, name: str):
    """Someone who opened the app: the bot knows their Teams name and Entra object id."""
    teams = Teams(connector.url)
    account = {"id": f"29:{aad}", "name": name, "aadObjectId": aad}
    hello = teams.message("help")
    hello["from"] = account
    await post(client, hello)
    connector.take()
    return teams, account


def _handover_to(partnership_id: int, typed_name: str) -> dict[str, object]:
    return {
        "action": "partnership_handover",
        "id": partnership_id,
        "account_holder_name": typed_name,
    }


async def test_a_hand_over_is_accepted_by_the_person_it_names(bot, connector):
    anna = Teams(connector.url)
    partnership_id = await _register(bot, connector, anna)
    bram, bram_account = await _colleague_with_the_app(bot, connector, "aad-bram", "Bram de Vries")
    await post(bot, anna.click(_handover_to(partnership_id, "bram")))
    [asked] = connector.take()
    assert "Ik heb Bram de Vries gevraagd" in asked.activity["text"]
    [(_, new_holder, _)] = await bot.app[SERVICES].partnerships.handovers(partnership_id)
    assert (new_holder.id, new_holder.name) == ("aad-bram", "Bram de Vries")
    listing = bram.message("mijn samenwerkingen")
    listing["from"] = bram_account
    await post(bot, listing)
    mine, offers = connector.take()
    assert "Netwerk Zorg" in texts(offers.card)
    accept = find_action(offers.card, "Accounthouder worden")["data"]
    stranger = anna.click(accept)  # someone else cannot take it over
    await post(bot, stranger)
    [refused] = connector.take()
    assert refused.activity["text"].startswith("Alleen de accounthouder")
    clicked = bram.click(accept)
    clicked["from"] = bram_account
    await post(bot, clicked)
    [done] = connector.take()
    assert "Jij bent nu accounthouder van 'Netwerk Zorg'" in done.activity["text"]
    stored = await bot.app[SERVICES].partnerships.get(partnership_id)
    assert (stored.account_holder.id, stored.account_holder.name) == ("aad-bram", "Bram de Vries")


async def test_a_form_of_another_theme_during_an_intake_is_kept_until_the_user_chooses(
    bot, connector
):
    teams = Teams(connector.url)
    await post(bot, teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"}))
    await _say(bot, connector, teams, "ja")
    await post(
        bot, teams.click({"action": "intake_form", "theme": "financien", "answer__fin-1": "nee"})
    )
    [offer] = connector.take()
    assert "vraag 2 van 8" in texts(offer.card).lower()
    await post(bot, teams.click({"action": "dialog_continue"}))
    resumed, question = connector.take()
    assert resumed.activity["text"] == "We gaan verder met de intake Juridisch, bij vraag 2 van 8."
    assert "Vraag 2 van 8" in texts(question.card)
    await post(
        bot, teams.click({"action": "intake_form", "theme": "financien", "answer__fin-1": "nee"})
    )
    connector.take()
    await post(bot, teams.click({"action": "dialog_stop"}))
    [question] = connector.take()
    await post(bot, teams.click(find_action(question.card, "Ja, stoppen")["data"]))
    discarded, summary = connector.take()
    assert "Samenvatting intake Financiën" in texts(summary.card)
    assert "1 van 7 vragen beantwoord" in texts(summary.card)


async def test_a_form_for_an_unknown_theme_is_answered_not_crashed_on(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.click({"action": "intake_form", "theme": "bestaat-niet"}))
    [reply] = connector.take()
    expected = unknown_item_text(bot.app[SERVICES].content.messages)
    assert (reply.card, reply.activity["text"]) == (None, expected)


async def test_a_hand_over_to_a_typed_name_that_fits_two_colleagues_asks_which_one(bot, connector):
    anna = Teams(connector.url)
    partnership_id = await _register(bot, connector, anna)
    await _colleague_with_the_app(bot, connector, "aad-bram", "Bram de Vries")
    await _colleague_with_the_app(bot, connector, "aad-bram-2", "Bram Jansen")
    await post(bot, anna.click(_handover_to(partnership_id, "Bram")))
    [choice] = connector.take()
    assert await bot.app[SERVICES].partnerships.handovers(partnership_id) == []
    await post(bot, anna.click(find_action(choice.card, "Keuze 2")["data"]))
    connector.take()
    [(_, new_holder, _)] = await bot.app[SERVICES].partnerships.handovers(partnership_id)
    assert new_holder.id == "aad-bram-2"


async def test_a_hand_over_picked_in_the_people_picker_is_stored_by_entra_object_id(bot, connector):
    anna = Teams(connector.url)
    partnership_id = await _register(bot, connector, anna)
    picked = {"action": "partnership_handover", "id": partnership_id,
              "account_holder_id": "aad-carla"}  # fmt: skip
    await post(bot, anna.click(picked))
    [asked] = connector.take()
    assert "gevraagd accounthouder" in asked.activity["text"]
    [(_, new_holder, _)] = await bot.app[SERVICES].partnerships.handovers(partnership_id)
    assert new_holder.id == "aad-carla"
