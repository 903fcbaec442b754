from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from bot.cards import digest_card
from bot.cards.tickets import (
    asker_update_card,
    bound_text,
    channels_card,
    ticket_card,
    ticket_form_card,
    ticket_privacy_lines,
    ticket_reminder_card,
    wrong_state_text,
)
from bot.domain.tickets import Ticket, TicketStatus
from tests.bot.cardtext import actions, texts

NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)
TICKET = Ticket(7, "JUR", "Mag dit?", "aad-anna", "Anna", NOW, NOW, item_id="jur-2")


def titles(card) -> list[str]:
    return [action["title"] for action in card["actions"]]


def test_the_channel_card_offers_the_steps_the_state_allows(content):
    assert titles(ticket_card(TICKET, content, shown_team="JUR")) == [
        "Oppakken",
        "Beantwoorden",
        "Doorsturen",
        "Sluiten",
    ]
    picked = replace(TICKET, status=TicketStatus.PICKED_UP, picked_up_by="Bram")
    card = ticket_card(picked, content, shown_team="JUR")
    assert titles(card) == ["Beantwoorden", "Doorsturen", "Sluiten"]
    assert "Opgepakt (door Bram)" in texts(card)
    answered = replace(TICKET, status=TicketStatus.ANSWERED, answer="Ja.")
    assert titles(ticket_card(answered, content, shown_team="JUR")) == ["Sluiten"]
    closed = replace(TICKET, status=TicketStatus.CLOSED)
    assert titles(ticket_card(closed, content, shown_team="JUR")) == []


def test_the_channel_card_shows_question_asker_partnership_and_checklist_question(content):
    card = ticket_card(TICKET, content, shown_team="JUR", partnership="RES Midden")
    shown = texts(card)
    for part in ("Vraag #7", "Mag dit?", "Anna", "RES Midden", content.items["jur-2"].question):
        assert part in shown
    forwarded = ticket_card(replace(TICKET, team="IBC"), content, shown_team="JUR")
    assert forwarded["actions"] == []
    assert "Doorgestuurd naar Informatiebeheer & Control (IBC)." in texts(forwarded)


def test_the_forward_choice_leaves_out_the_current_team(content):
    forward = next(a for a in actions(ticket_card(TICKET, content, shown_team="JUR"))
                   if a["title"] == "Doorsturen")  # fmt: skip
    [choice] = [e for e in forward["card"]["body"] if e.get("id") == "team"]
    assert "JUR" not in [c["value"] for c in choice["choices"]]


def test_the_asker_gets_the_answer_with_solved_and_follow_up(content):
    answered = replace(TICKET, status=TicketStatus.ANSWERED, answer="Ja, mits.")
    card = asker_update_card(answered, "answer", "Bram", content)
    assert titles(card) == ["Opgelost", "Nog een vraag"]
    assert "Ja, mits." in texts(card)


def test_the_form_proposes_the_team_and_lists_partnerships_with_none_first(content):
    experts = list(content.experts.values())
    card = ticket_form_card(content.messages, "Mag dit?", experts, "IBC", [(3, "RES")], None)
    by_id = {e.get("id"): e for e in card["body"] if e.get("id")}
    assert (by_id["question"]["value"], by_id["team"]["value"]) == ("Mag dit?", "IBC")
    assert [c["title"] for c in by_id["partnership"]["choices"]] == ["Geen", "RES"]
    assert card["actions"][0]["data"] == {"action": "ticket_submit"}


def test_the_digest_counts_open_tickets_per_team(content):
    card = digest_card([], [], date(2027, 2, 1), content, {"IBC": 1, "JUR": 2})
    assert "Open vragen aan expertteams\n- IBC: 1\r- JUR: 2" in texts(card)
    assert "Geen open vragen." in texts(digest_card([], [], date(2027, 2, 1), content, {}))
    assert "Open vragen" not in texts(digest_card([], [], date(2027, 2, 1), content))


def test_numbers_in_ticket_texts_get_singular_and_plural(content):
    m = content.messages
    bound = "Dit kanaal is gekoppeld aan JUR. Vragen aan JUR komen voortaan hier."
    assert bound_text(m, "JUR", 0) == bound
    assert (
        bound_text(m, "JUR", 1)
        == f"{bound} De vraag die al op een kanaal wachtte, zet ik er nu in."
    )
    assert bound_text(m, "JUR", 3) == (
        f"{bound} De 3 vragen die al op een kanaal wachtten, zet ik er nu in."
    )
    one, three = (texts(ticket_reminder_card(TICKET, content, n)) for n in (1, 3))
    assert "Deze vraag staat al meer dan 1 werkdag open. Wie pakt hem op?" in one
    assert "Deze vraag staat al meer dan 3 werkdagen open. Wie pakt hem op?" in three
    two = [TICKET, replace(TICKET, id=8, status=TicketStatus.CLOSED)]
    assert ticket_privacy_lines(m, two, last_question=True) == [
        "Je laatste vraag, zodat je hem aan een expert kunt voorleggen",
        "Je vragen aan expertteams (2), met je naam, zodat het team je kan antwoorden",
        "Vraag #7 (nieuw): Mag dit?",
        "Vraag #8 (gesloten): Mag dit?",
    ]
    assert ticket_privacy_lines(m, [], last_question=False) == []


def test_refusals_and_the_channel_list_name_states_and_reasons(content):
    m = content.messages
    assert wrong_state_text(m, "opgepakt") == "Dat kan niet meer: de vraag is intussen opgepakt."
    card = channels_card(m, [("JUR", "19:x")], [("IBC", "channel_deleted", "1 december 2026")])
    shown = texts(card)
    for part in ("Gekoppelde kanalen", "JUR: kanaal 19:x", "IBC: kanaal verwijderd op 1 december"):
        assert part in shown
    assert "Er zijn nog geen kanalen gekoppeld aan een expertteam." in texts(
        channels_card(m, [], [])
    )
