"""Conversations end to end: HTTP endpoint -> bot -> connector stand-in."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import Any

from bot.web import BOT, DATABASE, TURNS
from tests.bot.cardtext import actions, find_action, texts
from tests.bot.conftest import Teams, post, start_bot


async def _say(bot, connector, teams: Teams, text: str):
    assert await post(bot, teams.message(text)) == 201
    return connector.take()


async def test_install_in_personal_chat_sends_one_welcome_card(bot, connector):
    teams = Teams(connector.url)
    assert await post(bot, teams.bot_added()) == 201
    [welcome] = connector.take()
    text = texts(welcome.card)
    assert "Moeten we een verwerkersovereenkomst afsluiten?" in text
    assert find_action(welcome.card, "Voorbeeld 1")["data"] == {
        "action": "command",
        "text": "Moeten we een verwerkersovereenkomst afsluiten?",
    }
    assert await post(bot, teams.bot_added()) == 201  # Teams may repeat the event
    assert connector.take() == []


async def test_an_example_button_asks_its_question_as_if_typed(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.bot_added())
    [welcome] = connector.take()
    await post(bot, teams.click(find_action(welcome.card, "Voorbeeld 1")["data"]))
    answer = connector.take()[-1]
    assert "Is er een verwerkersovereenkomst benodigd?" in texts(answer.card)


async def test_added_to_a_team_welcomes_the_channel_once_not_each_member(bot, connector):
    teams = Teams(connector.url, conversation_type="channel")
    await post(bot, teams.bot_added())
    assert len(connector.take()) == 1
    other_member = teams.activity("conversationUpdate", membersAdded=[{"id": "29:user-bram"}])
    assert await post(bot, other_member) == 201
    assert connector.take() == []


async def test_question_gets_answer_card_with_the_right_expert_at_once(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.message("moeten we een verwerkersovereenkomt afsluiten met de partner?"))
    # The answer takes milliseconds: no typing indicator (it would count against Teams'
    # per-conversation rate limit and cost a round trip for nothing).
    kinds = [sent.activity["type"] for sent in connector.sent]
    assert kinds == ["message"]
    [answer] = connector.take()
    text = texts(answer.card)
    assert "Is er een verwerkersovereenkomst benodigd?" in text
    assert "Informatiebeheer & Control (IBC)" in text
    assert find_action(answer.card, "Nuttig")["data"] == {
        "action": "feedback",
        "id": "inf-6",
        "helpful": True,
    }
    assert find_action(answer.card, "Alle vragen van dit thema")["data"] == {
        "action": "theme",
        "theme": "informatievoorziening",
    }


async def test_mention_in_a_channel_is_stripped_before_matching(bot, connector):
    teams = Teams(connector.url, conversation_type="channel")
    activity = teams.message(
        "<at>Samenwerkwijzer</at> staatsteun",
        entities=[
            {
                "type": "mention",
                "text": "<at>Samenwerkwijzer</at>",
                "mentioned": {"id": "28:samenwerkwijzer-bot", "name": "Samenwerkwijzer"},
            }
        ],
    )
    assert await post(bot, activity) == 201
    [answer] = connector.take()
    assert "Is er sprake van staatssteun?" in texts(answer.card)


async def test_clarify_offers_options_that_answer_when_clicked_or_typed(bot, connector):
    teams = Teams(connector.url)
    [clarify] = await _say(bot, connector, teams, "subsidie")
    text = texts(clarify.card)
    assert "Bedoel je" in text
    show = _show_actions(clarify.card)
    assert 2 <= len(show) <= 3
    assert [action["title"] for action in show] == [f"Keuze {n}" for n in range(1, len(show) + 1)]
    await post(bot, teams.click(show[1]["data"]))
    [answer] = connector.take()
    assert _answers(answer.card, _option(clarify.card, 2))
    [clarify_again] = await _say(bot, connector, teams, "subsidie")
    [typed] = await _say(bot, connector, teams, "1")
    assert _answers(typed.card, _option(clarify_again.card, 1))


async def test_out_of_scope_question_gets_a_friendly_reply(bot, connector):
    teams = Teams(connector.url)
    [reply] = await _say(bot, connector, teams, "wat eten we vandaag in de kantine?")
    assert "Daar kan ik je niet mee helpen" in texts(reply.card)


async def test_a_task_or_a_named_colleague_is_declined_with_where_to_go(bot, connector):
    teams = Teams(connector.url)
    [task] = await _say(bot, connector, teams, "Schrijf een uitnodiging voor de stuurgroep.")
    assert "Daar kan ik je niet mee helpen" in texts(task.card)
    [person] = await _say(bot, connector, teams, "Is mevrouw Van Dijk vandaag op kantoor?")
    assert "Daar kan ik je niet mee helpen" in texts(person.card)
    assert "smoelenboek" in texts(person.card)


async def test_commands_work_in_any_case_with_or_without_slash(bot, connector):
    teams = Teams(connector.url)
    [help_] = await _say(bot, connector, teams, "/HELP")
    assert "thema's" in [a["data"]["text"] for a in _commands(help_.card)]
    [themes] = await _say(bot, connector, teams, "Thema's")
    assert "Juridisch" in texts(themes.card)
    await post(bot, teams.click(find_action(themes.card, "Juridisch")["data"]))
    [theme] = connector.take()
    assert "Is er sprake van staatssteun?" in texts(theme.card)
    [experts] = await _say(bot, connector, teams, "experts")
    await post(bot, teams.click(find_action(experts.card, "Meer over JUR")["data"]))
    [expert] = connector.take()
    assert "Juridische Zaken (JUR)" in texts(expert.card)
    [privacy] = await _say(bot, connector, teams, "privacy")
    assert find_action(privacy.card, "Verwijder mijn gegevens")["data"] == {
        "action": "delete_my_data"
    }


async def test_unknown_command_falls_through_to_question_matching(bot, connector):
    teams = Teams(connector.url)
    [answer] = await _say(bot, connector, teams, "/archiefwet")
    assert "Zijn er afspraken gemaakt over de informatievoorziening?" in texts(answer.card)


async def test_expert_asked_for_by_name_gets_the_team_card(bot, connector):
    teams = Teams(connector.url)
    [card] = await _say(bot, connector, teams, "wie is IBC")
    assert texts(card.card).startswith("Informatiebeheer & Control (IBC)")


async def test_feedback_and_unanswered_questions_are_stored_without_identity(
    bot, connector, settings
):
    teams = Teams(connector.url)
    [answer] = await _say(bot, connector, teams, "staatssteun")
    await post(bot, teams.click(find_action(answer.card, "Niet nuttig")["data"]))
    [thanks, offer] = connector.take()
    assert "Bedankt" in thanks.activity["text"]
    assert find_action(offer.card, "Vraag een expert")["data"] == {
        "action": "ticket_ask",
        "id": answer.card["actions"][0]["data"]["id"],
    }
    await _say(bot, connector, teams, "hoe laat gaat de kantine open")
    rows = await bot.app[DATABASE].query(
        "SELECT kind, entry_id, question FROM feedback ORDER BY id"
    )
    assert [tuple(row) for row in rows] == [
        ("not_helpful", "jur-2", None),
        ("unanswered", rows[1][1], None),
    ]


async def test_question_text_is_stored_only_when_the_organisation_enables_it(connector, settings):
    client = await start_bot(replace(settings, store_question_text=True))
    try:
        teams = Teams(connector.url)
        await post(client, teams.message("hoe laat gaat de kantine open"))
        rows = await client.app[DATABASE].query("SELECT question FROM feedback")
        assert [tuple(row) for row in rows] == [("hoe laat gaat de kantine open",)]
    finally:
        await client.close()


async def test_restart_on_the_same_database_keeps_the_conversation_state(settings, connector):
    teams = Teams(connector.url)
    first = await start_bot(settings)
    await post(first, teams.bot_added())
    await post(first, teams.message("subsidie"))
    [clarify] = connector.take()[-1:]
    await first.close()
    second = await start_bot(settings)
    try:
        await post(second, teams.bot_added())
        await post(second, teams.message("2"))
        [answer] = connector.take()  # no second welcome; the typed choice still works
        assert _answers(answer.card, _option(clarify.card, 2))
    finally:
        await second.close()


async def test_delete_my_data_forgets_the_conversation(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.bot_added())
    connector.take()
    await post(bot, teams.click({"action": "delete_my_data"}))
    [question] = connector.take()
    assert "Weet je zeker" in texts(question.card)
    await post(bot, teams.bot_added())
    assert connector.take() == []  # asking deleted nothing: still welcomed
    await post(bot, teams.click(find_action(question.card, "Ja, verwijderen")["data"]))
    [confirmation] = connector.take()
    assert "verwijderd" in confirmation.activity["text"]
    await post(bot, teams.bot_added())
    assert len(connector.take()) == 1  # welcomed again: nothing was remembered


def _show_actions(card: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [a for a in actions(card) if (a.get("data") or {}).get("action") == "show"]


def _commands(card: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [a for a in actions(card) if (a.get("data") or {}).get("action") == "command"]


def _option(card: dict[str, Any] | None, number: int) -> str:
    """The full text of option `number` in a clarify card's numbered list."""
    [listed] = [line for line in texts(card).split("\n") if line.startswith("1. ")]
    line = listed.split("\r")[number - 1]
    return line.split(". ", 1)[1]


def _answers(card: dict[str, Any] | None, option: str) -> bool:
    """The answer card is the option's: its title, without the '(framework)' it was told by."""
    shown = texts(card)
    return option.split(" (")[0] in shown or option.removeprefix("Expertteam ") in shown


async def test_failing_turn_apologises_with_a_reference_code_and_logs_it(
    bot, connector, caplog, monkeypatch
):
    teams = Teams(connector.url)
    await _say(
        bot, connector, teams, "subsidie"
    )  # leaves clarify options in the conversation state

    def broken(query: str, limit: int = 5) -> None:
        raise RuntimeError("matcher broke")

    monkeypatch.setattr(bot.app[BOT]._matcher, "match", broken)
    with caplog.at_level(logging.ERROR, logger="bot.web"):
        [apology] = await _say(bot, connector, teams, "staatssteun")
    reference = apology.activity["text"].split("code ")[1].split(" ")[0].rstrip(".")
    assert apology.activity["text"].startswith("Sorry, er ging iets mis")
    [record] = caplog.records
    assert reference in record.getMessage() and record.exc_info is not None
    monkeypatch.undo()
    [reply] = await _say(bot, connector, teams, "1")  # the options survived the failure:
    assert "Daar kan ik je niet mee helpen" not in texts(reply.card)  # "1" picks one


async def test_quick_answers_in_one_conversation_are_taken_one_after_the_other(bot, connector):
    teams = Teams(connector.url)
    await post(bot, teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"}))
    connector.take()
    statuses = await asyncio.gather(*(post(bot, teams.message("ja")) for _ in range(4)))
    assert statuses == [201] * 4
    prompts = [texts(sent.card) for sent in connector.take()]
    assert [p.split("\n")[0] for p in prompts] == [
        f"Vraag {n} van 8 · Juridisch" for n in (2, 3, 4, 5)
    ]
    assert bot.app[TURNS]._locks == {}
