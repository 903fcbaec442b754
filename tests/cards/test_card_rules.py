"""Every card built from the real content follows the rules Teams and our handler need."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.cards import (
    answer_card,
    clarify_card,
    confirmation_card,
    digest_card,
    evaluation_section,
    evaluation_start_card,
    expert_card,
    experts_card,
    handover_offers_card,
    help_card,
    intake_choice_card,
    intake_form_card,
    intake_question_card,
    intake_resume_card,
    intake_summary_card,
    out_of_scope_card,
    partnership_card,
    partnership_form_card,
    partnership_question_card,
    partnership_registered_card,
    partnerships_list_card,
    privacy_card,
    registration_resume_card,
    reminder_card,
    theme_card,
    themes_card,
    used_card,
    welcome_card,
)
from bot.cards import phase as phase_cards
from bot.cards.actions import SINGLE_USE, Action, read
from bot.cards.common import card as envelope
from bot.cards.overview import overview_card
from bot.domain.matcher import Matcher, Tuning
from bot.domain.phases import guide
from bot.domain.register import recommend
from bot.domain.retention import RetentionPeriods
from bot.domain.schedule import EvaluationEvent
from tests.cards.inspect_card import (
    ACTION_TYPES,
    ELEMENT_TYPES,
    INPUT_TYPES,
    MAX_CARD_BYTES,
    inputs,
    nodes,
    of_type,
    payloads,
    size,
)
from tests.cards.test_intake_cards import OUTCOME, worst_outcome
from tests.cards.test_register_cards import (
    BASE,
    RECOMMENDATION,
    REGISTER,
    partnership,
    stored_intake,
)

FULL_WIDTH = (
    "answer ",
    "theme ",
    "expert ",
    "intake form ",
    "intake summary ",
    "partnership form",
    "partnership card",
    "partnership registered",
    "phase card ",
    "phases explained",
    "governance cycle",
    "roles ",
)


@pytest.fixture(scope="module")
def all_cards(content, matcher) -> list[tuple[str, dict[str, Any]]]:
    """Every card the bot can send: each checklist item, framework, section and team as an
    answer, each theme and team on its own, the lists, and the fixed cards."""
    cards = [
        (f"answer {entry.id}", answer_card(entry, content))
        for entry in matcher.entries
        if entry.kind != "out_of_scope"
    ]
    cards += [(f"theme {theme.key}", theme_card(theme, content)) for theme in content.themes]
    cards += [(f"expert {code}", expert_card(e, content)) for code, e in content.experts.items()]
    clarifying = Matcher(content, Tuning(clarify_ratio=0.0, confident_score=1.1))
    messages = content.messages
    cards += [
        ("themes", themes_card(content)),
        ("experts", experts_card(content)),
        ("welcome", welcome_card(content)),
        ("help", help_card(content)),
        (
            "privacy",
            privacy_card(
                messages, ["Je gesprekstoestand", "Je feedback, zonder naam"], RetentionPeriods()
            ),
        ),
        ("privacy, nothing", privacy_card(messages, [], RetentionPeriods())),
        ("out of scope", out_of_scope_card(content)),
        ("clarify", clarify_card(clarifying.match("overeenkomst"), content)),
    ]
    cards += _intake_cards(content)
    cards += _register_cards(content)
    cards += _evaluation_cards(content)
    cards += _conversation_cards(content)
    cards += _ticket_cards(content)
    cards += _phase_cards(content)
    return cards


def _phase_cards(content) -> list[tuple[str, dict[str, Any]]]:
    """A partnership in every phase, the choice, the phases explained, the governance cycle,
    who does what per part, and the importance set with its regime."""
    cards = []
    for phase in content.register.phases:
        found = guide(content, phase.key)
        assert found is not None
        built = phase_cards.phase_card(partnership(phase=phase.key), found, content, True)
        cards.append((f"phase card {phase.key}", built))
    two = [partnership(id=1, name="GGD"), partnership(id=2, name="Afval")]
    very = partnership(importance="zeer_belangrijk", cadence="tweejaarlijks")
    cards += [
        ("phase choice", phase_cards.phase_pick_card(two, content)),
        ("phases explained", phase_cards.phases_card(content)),
        ("governance cycle", phase_cards.cycle_card(content)),
        ("roles A", phase_cards.roles_card(content, "A")),
        ("roles B", phase_cards.roles_card(content, "B")),
        (
            "importance set",
            phase_cards.importance_set_card(content.messages, "Genoteerd.", very, content.register),
        ),
    ]
    return cards


def _conversation_cards(content) -> list[tuple[str, dict[str, Any]]]:
    m = content.messages
    archive = m.say("confirm_partnership_archive", name="Regionaal Energieloket")
    stop = m.count("confirm_dialog_stop", 3, theme="Juridisch")
    return [
        ("confirm delete", confirmation_card(m, "delete_my_data", m.say("confirm_delete_my_data"))),
        ("confirm archive", confirmation_card(m, "partnership_archive", archive, 7)),
        ("confirm stop", confirmation_card(m, "dialog_stop", stop)),
        ("used", used_card(m, m.say("done_feedback"))),
        ("overview", overview_card(m, "https://bot.example.nl/export/samenwerkingen.csv")),
        ("registration resume", registration_resume_card(m)),
        ("handover offers", handover_offers_card(m, [BASE, partnership(id=8, name="GGD")])),
    ]


def _ticket_cards(content) -> list[tuple[str, dict[str, Any]]]:
    from dataclasses import replace as changed
    from datetime import UTC, datetime

    from bot.cards.tickets import (
        ask_offer_card,
        asker_update_card,
        channels_card,
        follow_up_card,
        ticket_card,
        ticket_form_card,
        ticket_reminder_card,
        unrouted_card,
    )
    from bot.domain.tickets import Ticket, TicketStatus

    now = datetime(2026, 11, 23, 10, tzinfo=UTC)
    m = content.messages
    experts = list(content.experts.values())
    new = Ticket(7, "JUR", "Mag dit? " * 100, "aad-anna", "Anna", now, now, item_id="jur-2")
    answered = changed(new, status=TicketStatus.ANSWERED, answer="Ja. " * 500, picked_up_by="Bram")
    cards = [
        ("ticket form", ticket_form_card(m, "Mag dit?", experts, "JUR", [(1, "RES")], "jur-2")),
        ("ticket form, no partnerships", ticket_form_card(m, "", experts, None, [], None)),
        ("ticket offer", ask_offer_card(m, "jur-2")),
        ("ticket follow-up", follow_up_card(m, new, "En nu? " * 100)),
        ("ticket reminder", ticket_reminder_card(new, content, 3)),
        ("ticket unrouted", unrouted_card(content.experts["JUR"], content)),
        ("ticket channels", channels_card(m, [("JUR", "19:x")], [("IBC", "channel_deleted", "1")])),
        ("ticket channels, none", channels_card(m, [], [])),
        ("ticket forwarded away", ticket_card(new, content, shown_team="IBC")),
    ]
    for status in TicketStatus:
        ticket = changed(answered, status=status)
        cards.append((f"ticket card {status}", ticket_card(ticket, content, shown_team="JUR",
                      partnership="RES", follow_up="En nu?", forward_note="Van IBC")))  # fmt: skip
    for step in ("pick_up", "answer", "forward", "close"):
        cards.append((f"ticket asker {step}", asker_update_card(answered, step, "Bram", content)))
    return cards


def test_ticket_buttons_are_at_most_30_characters(all_cards):
    for name, card in all_cards:
        if name.startswith("ticket"):
            for action in of_type(card, *ACTION_TYPES):
                assert len(action["title"]) <= 30, (name, action["title"])


def _intake_cards(content) -> list[tuple[str, dict[str, Any]]]:
    cards = []
    m = content.messages
    for theme in content.themes:
        last = len(theme.items)
        first, final = theme.items[0], theme.items[-1]
        cards += [
            (f"intake choice {theme.key}", intake_choice_card(m, theme, "Energieloket", 7)),
            (f"intake form {theme.key}", intake_form_card(theme, content)),
            (f"intake question {theme.key}", intake_question_card(m, theme, first, 1, last)),
            (
                f"intake question last {theme.key}",
                intake_question_card(m, theme, final, last, last, "notitie " * 100),
            ),
            (f"intake resume {theme.key}", intake_resume_card(m, theme, 2, last)),
            (
                f"intake summary all open {theme.key}",
                intake_summary_card(worst_outcome(theme), content, 1, "Energieloket", 7),
            ),
        ]
    cards.append(("intake summary juridisch", intake_summary_card(OUTCOME, content, 2, None)))
    return cards


def _register_cards(content) -> list[tuple[str, dict[str, Any]]]:
    intakes = [stored_intake("juridisch", 4), stored_intake("bestuur", 5)]
    choices = [(form.key, form.label) for form in REGISTER.forms]
    flags = [(flag.key, flag.question) for flag in REGISTER.flags]
    archived = partnership(archived=True, next_evaluation=None)
    m = content.messages
    long_choices = [(form.key, form.label) for form in content.register.forms]
    section = evaluation_section(BASE, content, [], True, None)
    return [
        ("partnership form", partnership_form_card(content, "Anne", date(2026, 11, 23))),
        (
            "partnership card, with evaluation",
            partnership_card(BASE, REGISTER, content, RECOMMENDATION, [], 0, True, section),
        ),
        (
            "partnership card, may change",
            partnership_card(BASE, REGISTER, content, RECOMMENDATION, intakes, 2, True),
        ),
        (
            "partnership card, read only",
            partnership_card(BASE, REGISTER, content, RECOMMENDATION, [], 0, False),
        ),
        (
            "partnership card, archived",
            partnership_card(archived, REGISTER, content, RECOMMENDATION, [], 0, True),
        ),
        (
            "partnership registered",
            partnership_registered_card(BASE, REGISTER, content, RECOMMENDATION),
        ),
        ("partnerships", partnerships_list_card([BASE, archived], content)),
        ("partnerships, none", partnerships_list_card([], content)),
        ("partnership question, text", partnership_question_card(m, "Naam", 1, 9, None, "Hint")),
        (
            "partnership question, choices",
            partnership_question_card(m, "Vorm", 4, 9, choices, None),
        ),
        (
            "partnership question, real forms",
            partnership_question_card(m, "Vorm", 4, 9, long_choices, None),
        ),
        (
            "partnership question, several",
            partnership_question_card(m, "Wat speelt er?", 7, 9, flags, None, multiple=True),
        ),
    ]


def _evaluation_cards(content) -> list[tuple[str, dict[str, Any]]]:
    register = content.register
    recommendation = recommend(BASE, register)
    url = "https://bot.example.nl/calendar/7.ics?sig=abc"
    long_name = partnership(name="Samenwerking " * 15, evaluation_kind="volledig")
    completed = [
        EvaluationEvent(
            7, "completed", date(2026, n, 1), None, "notitie " * 50, "aad-anne", BASE.created_at
        )
        for n in range(1, 6)
    ]
    upcoming = [
        (partnership(id=n, name=f"Samenwerking {n}", next_evaluation=date(2027, 3, n)), n % 2 == 0)
        for n in range(1, 29)
    ]
    undelivered = [(partnership(id=n), date(2027, 3, n)) for n in range(1, 10)]
    cards = [
        (
            f"reminder {lead} days",
            reminder_card(BASE, date(2027, 11, 23), lead, register, content, recommendation, url),
        )
        for lead in (30, 7, 1, 0)
    ]
    cards += [
        (
            "reminder long name, no calendar",
            reminder_card(
                long_name, date(2027, 11, 23), 7, register, content, recommendation, None
            ),
        ),
        ("evaluation start", evaluation_start_card(BASE, content, recommendation)),
        ("digest", digest_card(upcoming, undelivered, date(2027, 2, 1), content)),
        ("digest, empty", digest_card([], [], date(2027, 2, 1), content)),
        ("digest, open tickets", digest_card([], [], date(2027, 2, 1), content, {"JUR": 2})),
        ("digest, no open tickets", digest_card([], [], date(2027, 2, 1), content, {})),
        (
            "evaluation section",
            envelope(evaluation_section(BASE, content, completed, False, url)),
        ),
        (
            "evaluation section, reminders off",
            envelope(evaluation_section(partnership(reminders=False), content, [], True, None)),
        ),
    ]
    return cards


def test_all_cards_cover_every_item_framework_section_theme_and_team(all_cards, content):
    names = {name for name, _ in all_cards}
    sections = [s.id for f in content.frameworks for s in f.sections]
    expected = [
        *(f"answer {id_}" for id_ in content.items),
        *(f"answer {f.id}" for f in content.frameworks),
        *(f"answer {id_}" for id_ in sections),
        *(f"answer {code}" for code in content.experts),
        *(f"theme {theme.key}" for theme in content.themes),
        *(f"expert {code}" for code in content.experts),
    ]
    assert set(expected) <= names


def test_every_card_is_an_adaptive_card_of_version_1_5(all_cards):
    for name, card in all_cards:
        assert card["type"] == "AdaptiveCard", name
        assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json", name
        assert card["version"] == "1.5", name


def test_every_card_uses_only_elements_and_actions_teams_supports(all_cards):
    for name, card in all_cards:
        for node in nodes(card):
            if node is card:
                continue
            if node["type"] == "AdaptiveCard":  # only as the card of a ShowCard
                assert any(a.get("card") is node for a in of_type(card, "Action.ShowCard")), name
            else:
                known = {*ELEMENT_TYPES, *INPUT_TYPES, *ACTION_TYPES, "Data.Query"}  # people picker
                assert node["type"] in known, (
                    name,
                    node["type"],
                )


def test_every_input_has_a_unique_id_and_a_label(all_cards):
    for name, card in all_cards:
        ids = [element["id"] for element in inputs(card)]
        assert all(ids), name
        assert len(ids) == len(set(ids)), name
        for element in inputs(card):
            assert element["label"], (name, element["id"])


def test_forms_and_the_cards_that_show_inputs_are_the_ones_expected(all_cards):
    with_inputs = {name for name, card in all_cards if inputs(card)}
    assert with_inputs == {
        *(name for name, _ in all_cards if name.startswith("intake form ")),
        "partnership form",
        "partnership card, may change",
        "partnership card, with evaluation",
        "partnership card, archived",
        *(name for name, _ in all_cards if name.startswith("reminder ")),
        "ticket form",
        "ticket form, no partnerships",
        *(f"ticket card {s}" for s in ("nieuw", "opgepakt", "heropend")),  # answer, forward
        "ticket asker answer",  # the follow-up box
        "ticket asker close",
    }


def test_every_text_block_wraps(all_cards):
    for name, card in all_cards:
        for block in of_type(card, "TextBlock"):
            assert block["wrap"] is True, (name, block["text"])


def test_every_card_stays_under_28_kb(all_cards):
    for name, card in all_cards:
        assert size(card) < MAX_CARD_BYTES, name


def test_no_action_set_holds_more_buttons_than_teams_shows(all_cards):
    for name, card in all_cards:
        assert len(card["actions"]) <= 6, name
        for action_set in of_type(card, "ActionSet"):
            assert 1 <= len(action_set["actions"]) <= 6, name


def test_no_column_set_is_wider_than_two_columns(all_cards):
    for name, card in all_cards:
        for column_set in of_type(card, "ColumnSet"):
            assert len(column_set["columns"]) <= 2, name


def test_only_answers_forms_summaries_and_partnerships_are_full_width(all_cards):
    for name, card in all_cards:
        full = card.get("msteams") == {"width": "Full"}
        assert full == name.startswith(FULL_WIDTH), name


def test_every_submit_payload_is_readable_by_the_action_contract(all_cards):
    for name, card in all_cards:
        for data in payloads(card):
            assert read(data).action.value == data["action"], (name, data)


def test_no_button_uses_im_back_or_a_data_field_named_key(all_cards):
    for name, card in all_cards:
        for data in payloads(card):
            assert "msteams" not in data, (name, data)
            assert "key" not in data, (name, data)


def test_every_button_opens_something_that_exists(all_cards, content, entries):
    for name, card in all_cards:
        for data in payloads(card):
            if data.get("action") in ("show", "feedback"):
                assert data["id"] in entries, (name, data)
            elif data.get("action") in ("theme", "intake_start", "intake_form"):
                assert data["theme"] in {theme.key for theme in content.themes}, (name, data)
            elif data.get("action") == "expert":
                assert data["code"] in content.experts, (name, data)


def test_every_button_title_fits_on_a_phone_without_being_cut(all_cards):
    for name, card in all_cards:
        for action in of_type(card, *ACTION_TYPES):
            assert 0 < len(action["title"]) <= 30, (name, action["title"])
            assert not action["title"].endswith("…"), (name, action["title"])


def test_every_toggle_shows_an_element_of_its_own_card(all_cards):
    for name, card in all_cards:
        ids = [node["id"] for node in nodes(card) if "id" in node]
        assert len(ids) == len(set(ids)), name
        for toggle in of_type(card, "Action.ToggleVisibility"):
            assert toggle["targetElements"] and set(toggle["targetElements"]) <= set(ids), name


def test_no_text_is_cut_off_with_an_ellipsis(all_cards):
    for name, card in all_cards:
        for block in of_type(card, "TextBlock"):
            user_text = "notitie" in block["text"].lower()  # notes users typed are shortened
            assert not block["text"].endswith("…") or user_text, (name, block)


def test_single_use_cards_and_the_confirmation_speak_the_contract(all_cards):
    by_name = dict(all_cards)
    confirm = [read(data) for data in payloads(by_name["confirm archive"])]
    assert [(c.action, c.payload.model_dump()) for c in confirm] == [
        (Action.CONFIRM, {"confirm": "partnership_archive", "id": 7}),
        (Action.CANCEL, {}),
    ]
    assert {c.action for c in confirm} <= SINGLE_USE
    assert by_name["used"]["actions"] == [] and len(by_name["used"]["body"]) == 1


def test_every_moment_in_a_payload_is_an_iso_date(all_cards):
    moments = [data for _, card in all_cards for data in payloads(card) if "due" in data]
    assert moments
    for data in moments:
        assert date.fromisoformat(data["due"]).isoformat() == data["due"], data


def test_every_evaluation_card_is_there(all_cards):
    names = {name for name, _ in all_cards}
    assert {
        "reminder 30 days",
        "reminder 7 days",
        "reminder 1 days",
        "reminder 0 days",
        "evaluation start",
        "digest",
        "evaluation section",
    } <= names
