"""The routing rules end to end: typed words are never swallowed, every dialog stops on 'stop',
buttons follow the contract, and a used card cannot be used twice."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.conversation.partnerships import open_points
from bot.domain.content import load_content
from bot.domain.intake import ItemAnswer, StoredIntake
from bot.store.register import IntakeRepository
from bot.store.state_storage import SqlStateStorage
from bot.web import SERVICES
from tests.bot.cardtext import actions, find_action, texts
from tests.bot.conftest import Teams, post
from tests.bot.test_intake_flow import REGISTRATION, _register, _say

STEPS_JURIDISCH = {"action": "intake_start", "theme": "juridisch", "mode": "steps"}


async def _dialog_stack(client, teams: Teams) -> list[Any]:
    """The stored dialog stack of the conversation: what survives a restart."""
    storage = SqlStateStorage(client.app[SERVICES].database)
    key = f"msteams/conversations/{teams.conversation_id}"
    stored: Any = (await storage.read([key])).get(key) or {}
    dialogs = stored.get("dialogs")
    return list(dialogs.dialog_stack) if dialogs else []


async def test_a_typed_question_during_a_yes_no_step_is_answered_and_the_step_repeated(
    bot, connector
):
    teams = Teams(connector.url)
    await post(bot, teams.click(STEPS_JURIDISCH))
    connector.take()
    first, answer, again = await _say(bot, connector, teams, "wat is een verwerkersovereenkomst?")
    assert "vraag 1" in first.activity["text"]
    assert "Is er een verwerkersovereenkomst benodigd?" in texts(answer.card)
    assert "Vraag 1 van 8" in texts(again.card)
    await _say(bot, connector, teams, "ja")
    await _say(bot, connector, teams, "stop")
    [stored] = await IntakeRepository(bot.app[SERVICES].database).by_user("aad-anna")
    assert [(a.item_id, a.answer, a.note) for a in stored.answers if a.answer] == [
        ("jur-1", "ja", None)
    ]


async def test_typed_text_while_the_registration_form_waits_is_answered_and_the_form_stays(
    bot, connector
):
    teams = Teams(connector.url)
    [form] = await _say(bot, connector, teams, "nieuwe samenwerking")
    assert "Versturen" in texts(form.card) or find_action(form.card, "Registreren")
    [answer] = await _say(bot, connector, teams, "juridisch")
    assert "Vraag 1 van" not in texts(answer.card)  # no switch to step by step
    assert [d.id for d in await _dialog_stack(bot, teams)] == ["partnership"]
    await post(bot, teams.click(REGISTRATION))
    connector.take()
    assert [p.name for p in await bot.app[SERVICES].partnerships.mine("aad-anna")] == [
        "Netwerk Zorg"
    ]
    assert await _dialog_stack(bot, teams) == []


async def test_stop_ends_every_dialog_in_every_mode(bot, connector):
    starts = [
        STEPS_JURIDISCH,
        {"action": "intake_start", "theme": "juridisch", "mode": "form"},
        {"action": "partnership_new", "mode": "steps"},
        {"action": "partnership_new", "mode": "form"},
    ]
    for start in starts:
        teams = Teams(connector.url)
        await post(bot, teams.click(start))
        connector.take()
        assert len(await _dialog_stack(bot, teams)) == 1, start
        [stopped] = await _say(bot, connector, teams, "stop")
        assert stopped.card is None or "Vraag 1" not in texts(stopped.card), start
        assert await _dialog_stack(bot, teams) == [], start


async def test_a_command_that_starts_something_asks_first_and_a_show_command_leaves_it(
    bot, connector
):
    teams = Teams(connector.url)
    await post(bot, teams.click({"action": "partnership_new", "mode": "form"}))
    connector.take()
    [themes] = await _say(bot, connector, teams, "thema's")
    assert "Juridisch" in texts(themes.card)
    [offer] = await _say(bot, connector, teams, "intake juridisch")
    assert {a["data"]["action"] for a in actions(offer.card)} == {"dialog_continue", "dialog_stop"}
    assert [d.id for d in await _dialog_stack(bot, teams)] == ["partnership"]


async def test_unknown_and_malformed_buttons_get_a_short_reply(bot, connector):
    teams = Teams(connector.url)
    for value in (
        {"action": "bestaat_niet"},
        {"action": "show", "id": ["jur-1"]},
        {"action": "partnership_open"},
        {"action": 7},
        {"msteams": {"type": "imBack", "value": "x"}},
    ):
        assert await post(bot, teams.click(value)) == 201
        [reply] = connector.take()
        assert reply.card is None and "knop" in reply.activity["text"], value


async def test_a_button_of_an_archived_or_missing_partnership_is_answered_as_stale(bot, connector):
    teams = Teams(connector.url)
    for value in (
        {"action": "partnership_open", "id": 999},
        {"action": "evaluation_done", "id": 999, "due": "2027-01-01"},
        {"action": "confirm", "confirm": "partnership_archive", "id": 999},
    ):
        await post(bot, teams.click(value))
        [reply] = connector.take()
        assert "Dat kan ik niet meer vinden" in reply.activity["text"], value


async def test_feedback_card_is_updated_in_place_and_a_second_click_is_already_handled(
    bot, connector
):
    teams = Teams(connector.url)
    [answer] = await _say(bot, connector, teams, "moeten we een verwerkersovereenkomst afsluiten?")
    helpful = find_action(answer.card, "Nuttig")["data"]
    card_id = "sent-card-1"
    await post(bot, teams.click(helpful) | {"replyToId": card_id})
    [thanks] = connector.take()
    assert "Bedankt" in thanks.activity["text"]
    [(updated_id, updated)] = connector.updated
    assert updated_id == card_id
    card = updated["attachments"][0]["content"]
    assert "Is er een verwerkersovereenkomst benodigd?" in texts(card)
    assert [a for a in actions(card) if (a.get("data") or {}).get("action") == "feedback"] == []
    await post(bot, teams.click(helpful) | {"replyToId": card_id})
    [again] = connector.take()
    assert again.activity["text"] == "Dit is al afgehandeld."
    feedback = await bot.app[SERVICES].database.query("SELECT kind FROM feedback")
    assert [row[0] for row in feedback] == ["helpful"]


async def test_changing_the_kind_of_evaluation_is_saved(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams)
    update = {"action": "partnership_update", "id": partnership_id, "evaluation_kind": "volledig"}
    await post(bot, teams.click(update))
    connector.take()
    stored = await bot.app[SERVICES].partnerships.get(partnership_id)
    assert stored is not None and stored.evaluation_kind == "volledig"


async def test_cancel_on_a_confirmation_keeps_everything(bot, connector):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams)
    await post(bot, teams.click({"action": "partnership_archive", "id": partnership_id}))
    [question] = connector.take()
    await post(bot, teams.click(find_action(question.card, "Annuleren")["data"]))
    [reply] = connector.take()
    assert reply.activity["text"] == "Oké, ik laat alles zoals het was."
    stored = await bot.app[SERVICES].partnerships.get(partnership_id)
    assert stored is not None and not stored.archived


def test_an_intake_of_a_theme_the_content_no_longer_has_counts_no_open_points():
    """A theme removed from content must not break the partnership card (it raised before)."""
    content = load_content()
    gone = StoredIntake(None, 1, "verdwenen-thema", "aad-anna", datetime(2026, 1, 1, tzinfo=UTC),
                        (ItemAnswer("weg-1", "nee", None),), "")  # fmt: skip
    kept = StoredIntake(None, 1, "juridisch", "aad-anna", datetime(2026, 1, 1, tzinfo=UTC),
                        (ItemAnswer("jur-1", "weet_niet", None),), "")  # fmt: skip
    assert open_points([gone], content) == 0
    assert open_points([gone, kept], content) == open_points([kept], content) > 0


async def test_an_intake_stopped_early_says_how_many_questions_are_still_open(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.click(STEPS_JURIDISCH))
    await _say(bot, connector, teams, "nvt")
    [summary] = await _say(bot, connector, teams, "stop")
    assert "7 vragen heb je nog niet beantwoord" in texts(summary.card)
    assert "Mooi zo" not in texts(summary.card)


async def test_an_answer_button_in_a_step_intake_counts_as_the_typed_answer(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.click(STEPS_JURIDISCH))
    [first] = connector.take()
    await post(bot, teams.click(find_action(first.card, "Ja")["data"]))
    [second] = connector.take()
    assert "Vraag 2 van 8" in texts(second.card)


async def test_small_talk_gets_a_short_reply_and_is_not_counted_as_unanswered(bot, connector):
    teams = Teams(connector.url)
    [hello] = await _say(bot, connector, teams, "hallo")
    assert hello.card is None and hello.activity["text"].startswith("Hallo!")
    [thanks] = await _say(bot, connector, teams, "dank je wel")
    assert thanks.activity["text"] == "Graag gedaan!"
    reply, themes = await _say(bot, connector, teams, "weet niet")
    assert "Waar wil je het over hebben?" in reply.activity["text"]
    assert "Juridisch" in texts(themes.card)
    counts = await bot.app[SERVICES].database.query("SELECT count(*) FROM feedback")
    assert counts[0][0] == 0


SITUATION = (
    "We gaan met vijf gemeenten een regionaal bureau opzetten voor schuldhulp. Twee collega's "
    "worden gedetacheerd naar het bureau. De klantgegevens komen in één systeem van de "
    "partners. Wie moet ik erbij halen?"
)


async def test_a_described_partnership_gets_an_overview_and_a_prefilled_registration(
    bot, connector
):
    teams = Teams(connector.url)
    [overview] = await _say(bot, connector, teams, SITUATION)
    text = texts(overview.card)
    assert "Dit is belangrijk voor jouw samenwerking" in text
    assert "P&O" in text and "Omdat je schrijft: 'gedetacheerd'." in text
    register = find_action(overview.card, "Registreren")["data"]
    assert register["action"] == "partnership_new" and "personnel" in register["flags"].split(",")
    await post(bot, teams.click(register))
    [form] = connector.take()
    flags = next(e for e in _inputs(form.card) if e["id"] == "flags")
    assert flags["value"].split(",") == ["personnel", "personal_data"]
    assert [d.id for d in await _dialog_stack(bot, teams)] == ["partnership"]


def _inputs(card: dict[str, Any] | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found
