"""Intakes and the register end to end, through /api/messages."""

from __future__ import annotations

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
