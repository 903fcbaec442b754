"""Evaluation cards: the reminder, starting an evaluation, the partnership's evaluation part,
the weekly digest and the replies to their buttons."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.cards import (
    digest_card,
    evaluation_already_changed_text,
    evaluation_done_text,
    evaluation_postponed_text,
    evaluation_section,
    evaluation_start_card,
    reminder_card,
    reminders_off_text,
    reminders_on_text,
)
from bot.cards.common import card
from bot.domain.register import Person, Recommendation, recommend
from bot.domain.schedule import EvaluationEvent
from tests.cards.inspect_card import (
    ACTION_TYPES,
    actions,
    inputs,
    of_type,
    payloads,
    texts,
    titles,
)
from tests.cards.test_register_cards import BASE, partnership

DUE = date(2027, 11, 23)
CALENDAR_URL = "https://bot.example.nl/calendar/7.ics?sig=abc123"
TODAY = date(2027, 3, 1)  # a Monday in ISO week 9
BOB = Person("aad-bob", "Bob Jansen")


@pytest.fixture(scope="module")
def register(content):
    return content.register


@pytest.fixture(scope="module")
def recommendation(register) -> Recommendation:
    return recommend(BASE, register)


@pytest.fixture(scope="module")
def reminder(content, register, recommendation) -> dict[str, Any]:
    return reminder_card(BASE, DUE, 7, register, content, recommendation, CALENDAR_URL)


def show_card_named(card_: dict[str, Any], title: str) -> dict[str, Any]:
    [found] = [a for a in of_type(card_, "Action.ShowCard") if a["title"] == title]
    shown: dict[str, Any] = found["card"]
    return shown


def completed(due: date, reason: str | None = None, partnership_id: int = 7) -> EvaluationEvent:
    return EvaluationEvent(
        partnership_id=partnership_id,
        kind="completed",
        due=due,
        new_due=None,
        reason=reason,
        by_id="aad-anne",
        at=datetime(due.year, due.month, due.day, 15, tzinfo=UTC),
    )


# --- the reminder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead_days", "heading"),
    [
        (30, "Over 30 dagen: evaluatie van Regionaal Energieloket"),
        (7, "Over 7 dagen: evaluatie van Regionaal Energieloket"),
        (1, "Morgen: evaluatie van Regionaal Energieloket"),
        (0, "Vandaag: evaluatie van Regionaal Energieloket"),
        (-3, "Nog niet gedaan: evaluatie van Regionaal Energieloket"),
    ],
)
def test_reminder_heading_says_when_the_evaluation_is(
    content, register, recommendation, lead_days, heading
):
    card_ = reminder_card(BASE, DUE, lead_days, register, content, recommendation, None)
    assert texts(card_)[0] == heading
    assert card_["body"][0]["size"] == "Large"


def test_reminder_names_the_kind_of_evaluation_and_the_dutch_date(reminder):
    assert texts(reminder)[1] == "Jaarlijkse lichte evaluatie op 23 november 2027"


def test_reminder_uses_the_label_of_the_partnerships_evaluation_kind(
    content, register, recommendation
):
    phase = partnership(evaluation_kind="fase")
    card_ = reminder_card(phase, date(2028, 1, 2), 0, register, content, recommendation, None)
    assert texts(card_)[1] == "Fase-evaluatie op 2 januari 2028"


def test_reminder_says_what_is_expected_with_the_themes_and_the_appraisal_framework(reminder):
    assert texts(reminder)[2:6] == [
        "Wat wordt er verwacht?",
        "Bespreek met je partners hoe de samenwerking ervoor staat, wat goed gaat en wat "
        "beter kan.",
        "Loop in elk geval deze thema's langs: Financiën, Juridisch, Bestuur, Mensen en "
        "capaciteit, Informatievoorziening & Privacy en Communicatie en participatie.",
        "Gebruik het waarderingskader. Met dit kader bekijk je een bestaande of nieuwe "
        "samenwerking vanuit drie perspectieven: de gemeente zelf, de samenwerking en haar "
        "partners, en de bredere context.",
    ]


def test_reminder_without_the_framework_or_known_themes_leaves_those_lines_out(
    fixture_content, register
):
    unknown = Recommendation(themes=("onbekend", "juridisch", "juridisch"), principle_part="B")
    card_ = reminder_card(BASE, DUE, 7, register, fixture_content, unknown, None)
    assert texts(card_)[4:5] == ["Loop in elk geval deze thema's langs: Juridisch."]
    assert not any(line.startswith("Gebruik het waarderingskader") for line in texts(card_))
    nothing = Recommendation(themes=(), principle_part="B")
    card_ = reminder_card(BASE, DUE, 7, register, fixture_content, nothing, None)
    assert not any(line.startswith("Loop in elk geval") for line in texts(card_))


def test_reminder_offers_start_done_postpone_open_calendar_and_stopping(reminder):
    assert titles(reminder) == [
        "Start evaluatie",
        "Afgerond",
        "Evaluatie afronden",
        "Verzetten",
        "Nieuwe datum opslaan",
        "Bekijk de samenwerking",
        "Zet in mijn agenda",
        "Geen herinneringen meer?",
        "Herinneringen uitzetten",
        "Overdragen",
    ]
    assert reminder["actions"] == []


def test_reminder_payloads_carry_the_partnership_and_the_moment(reminder):
    assert payloads(reminder) == [
        {"action": "evaluation_start", "id": 7},
        {"action": "evaluation_done", "id": 7, "due": "2027-11-23"},
        {"action": "evaluation_postpone", "id": 7, "due": "2027-11-23"},
        {"action": "partnership_open", "id": 7},
        {"action": "reminders_off", "id": 7},
        {"action": "partnership_handover", "id": 7},
    ]


def test_reminder_done_asks_an_optional_note_next_to_its_submit(reminder):
    done = show_card_named(reminder, "Afgerond")
    assert inputs(done) == [
        {
            "type": "Input.Text",
            "id": "note",
            "label": "Wat hebben jullie afgesproken? (mag leeg blijven)",
            "maxLength": 1000,
            "isMultiline": True,
        }
    ]
    assert payloads(done) == [{"action": "evaluation_done", "id": 7, "due": "2027-11-23"}]
    assert texts(done) == [
        "Is de evaluatie gedaan? Dan plan ik de volgende volgens jullie evaluatieritme."
    ]


def test_reminder_postpone_requires_a_new_date_and_asks_an_optional_reason(reminder):
    postpone = show_card_named(reminder, "Verzetten")
    assert inputs(postpone) == [
        {
            "type": "Input.Date",
            "id": "new_date",
            "label": "Nieuwe datum",
            "isRequired": True,
            "errorMessage": "Kies een nieuwe datum.",
        },
        {
            "type": "Input.Text",
            "id": "reason",
            "label": "Waarom een nieuwe datum? (mag leeg blijven)",
            "maxLength": 1000,
        },
    ]
    assert payloads(postpone) == [{"action": "evaluation_postpone", "id": 7, "due": "2027-11-23"}]


def test_reminder_lets_the_holder_stop_reminders_or_hand_over(reminder):
    stop = show_card_named(reminder, "Geen herinneringen meer?")
    assert texts(stop) == [
        "Zet de herinneringen voor deze samenwerking uit. Of draag de samenwerking over aan "
        "een nieuwe accounthouder: die krijgt dan de herinneringen."
    ]
    assert [(e["id"], e["label"]) for e in inputs(stop)] == [
        ("account_holder_id", "Kies de nieuwe accounthouder"),
        ("account_holder_name", "Of typ zijn of haar naam"),
    ]
    assert payloads(stop) == [
        {"action": "reminders_off", "id": 7},
        {"action": "partnership_handover", "id": 7},
    ]


def test_reminder_opens_the_calendar_url_only_when_given(
    content, register, recommendation, reminder
):
    assert of_type(reminder, "Action.OpenUrl") == [
        {"type": "Action.OpenUrl", "title": "Zet in mijn agenda", "url": CALENDAR_URL}
    ]
    without = reminder_card(BASE, DUE, 7, register, content, recommendation, None)
    assert of_type(without, "Action.OpenUrl") == []
    assert "Zet in mijn agenda" not in titles(without)


def test_reminder_fits_a_phone_with_short_button_rows_and_no_full_width(reminder):
    assert "msteams" not in reminder
    assert [len(s["actions"]) for s in reminder["body"] if s["type"] == "ActionSet"] == [3, 2, 1]


def test_reminder_of_an_unstored_partnership_is_refused(content, register, recommendation):
    with pytest.raises(ValueError, match="not stored yet"):
        reminder_card(partnership(id=None), DUE, 7, register, content, recommendation, None)


# --- starting an evaluation -----------------------------------------------------------------


def test_start_card_shows_the_appraisal_framework_and_a_button_to_read_it(content, recommendation):
    card_ = evaluation_start_card(BASE, content, recommendation)
    framework = next(f for f in content.frameworks if f.id == "waarderingskader")
    assert texts(card_)[:4] == [
        "Evaluatie van Regionaal Energieloket",
        "Met het waarderingskader kijk je samen met je partners naar de samenwerking. "
        "De intakes hieronder helpen je om de open punten op tafel te krijgen.",
        "Waarderingskader",
        framework.summary.strip(),
    ]
    assert payloads(card_, "show") == [{"action": "show", "id": "waarderingskader"}]
    assert "Bekijk het waarderingskader" in titles(card_)


def test_start_card_offers_intakes_for_the_first_four_recommended_themes(content, recommendation):
    card_ = evaluation_start_card(BASE, content, recommendation)
    assert texts(card_)[4:] == [
        "Thema's om langs te lopen",
        "Doe per thema een korte intake. Wat open staat, bespreek je met je partners.",
    ]
    assert payloads(card_, "intake_start") == [
        {"action": "intake_start", "theme": key, "mode": "steps", "partnership": 7}
        for key in ("financien", "juridisch", "bestuur", "capaciteit")
    ]
    assert titles(card_)[1:] == [
        "Intake Financiën",
        "Intake Juridisch",
        "Intake Bestuur",
        "Intake Mensen en capaciteit",
    ]
    assert len(payloads(card_)) == 5


def test_start_card_without_framework_or_themes_keeps_only_the_intro(fixture_content):
    nothing = Recommendation(themes=("onbekend",), principle_part="B")
    card_ = evaluation_start_card(BASE, fixture_content, nothing)
    assert len(texts(card_)) == 2
    assert payloads(card_) == []


# --- on the partnership card ----------------------------------------------------------------


def test_section_shows_the_next_moment_and_the_last_three_completed_newest_first(content):
    events = [
        completed(date(2024, 11, 23)),
        completed(date(2026, 11, 23), "Goed gesprek; de begroting moet eerder. " * 5),
        completed(date(2025, 11, 24)),
        completed(date(2023, 11, 23)),
        completed(date(2026, 12, 1), partnership_id=8),
        EvaluationEvent(
            7,
            "postponed",
            date(2027, 11, 1),
            DUE,
            "vakantie",
            "aad-anne",
            datetime(2027, 1, 1, tzinfo=UTC),
        ),
    ]
    section = card(evaluation_section(BASE, content, events, True, None))
    assert texts(section) == [
        "Evaluatie",
        "Volgende: Jaarlijkse lichte evaluatie op 23 november 2027",
        "Afgeronde evaluaties",
        "- 23 november 2026: Goed gesprek; de begroting moet eerder. Goed gesprek; de "
        "begroting moet…\r- 24 november 2025\r- 23 november 2024",
    ]
    assert section["body"][0]["separator"] is True


def test_section_without_moments_says_so(content):
    section = card(evaluation_section(partnership(next_evaluation=None), content, [], True, None))
    assert texts(section) == [
        "Evaluatie",
        "Er is nog geen volgende evaluatie gepland.",
        "Afgeronde evaluaties",
        "Er zijn nog geen evaluaties afgerond.",
    ]


def test_section_warns_when_the_account_holder_cannot_be_reached(content):
    section = card(evaluation_section(BASE, content, [], False, None))
    [warning] = [b for b in of_type(section, "TextBlock") if b.get("color") == "Attention"]
    assert warning["text"] == (
        "Geen bereik: Anne de Vries heeft Samenwerkwijzer nog niet geïnstalleerd. "
        "Herinneringen komen daarom niet aan."
    )


def test_section_toggles_reminders_off_and_on(content):
    on = card(evaluation_section(BASE, content, [], True, None))
    assert payloads(on) == [{"action": "reminders_off", "id": 7}]
    assert titles(on) == ["Herinneringen uitzetten"]
    off = card(evaluation_section(partnership(reminders=False), content, [], True, None))
    assert "De herinneringen voor deze samenwerking staan uit." in texts(off)
    assert payloads(off) == [{"action": "reminders_on", "id": 7}]
    assert titles(off) == ["Herinneringen aanzetten"]


def test_section_offers_the_calendar_next_to_the_toggle(content):
    section = card(evaluation_section(BASE, content, [], True, CALENDAR_URL))
    [buttons] = of_type(section, "ActionSet")
    assert [a["type"] for a in buttons["actions"]] == ["Action.Submit", "Action.OpenUrl"]
    assert buttons["actions"][1] == {
        "type": "Action.OpenUrl",
        "title": "Zet in mijn agenda",
        "url": CALENDAR_URL,
    }


def test_section_of_an_archived_partnership_has_no_toggle_and_no_warning(content):
    archived = partnership(archived=True, reminders=False)
    section = card(evaluation_section(archived, content, [], False, None))
    assert actions(section) == []
    assert not any(b.get("color") for b in of_type(section, "TextBlock"))
    assert "De herinneringen voor deze samenwerking staan uit." not in texts(section)


# --- the weekly digest ----------------------------------------------------------------------


def digest_partnerships() -> list[tuple[Any, bool]]:
    return [
        (partnership(id=1, name="Wijkteams", next_evaluation=date(2027, 4, 20)), False),
        (partnership(id=2, name="GGD", next_evaluation=date(2027, 2, 10)), True),
        (
            partnership(
                id=3,
                name="Energieloket",
                next_evaluation=date(2027, 3, 1),
                evaluation_kind="volledig",
                account_holder=BOB,
            ),
            True,
        ),
        (partnership(id=4, name="Afval", next_evaluation=date(2027, 1, 5)), False),
        (partnership(id=5, name="Te ver", next_evaluation=date(2027, 5, 1)), True),
        (partnership(id=6, name="Geen datum", next_evaluation=None), True),
        (partnership(id=8, name="Bibliotheek", next_evaluation=date(2027, 4, 30)), True),
        (partnership(id=9, name="Oud", next_evaluation=date(2027, 3, 2), archived=True), True),
    ]


def test_digest_lists_overdue_oldest_first_then_the_next_60_days_in_date_order(content):
    card_ = digest_card(digest_partnerships(), [], TODAY, content)
    assert texts(card_)[:-1] == [
        "Evaluaties: overzicht van week 9",
        "Nog niet gedaan",
        "- Afval · Jaarlijkse lichte evaluatie · 5 januari 2027 · Anne de Vries · geen bereik\r"
        "- GGD · Jaarlijkse lichte evaluatie · 10 februari 2027 · Anne de Vries",
        "De komende 60 dagen",
        "- Energieloket · Volledige evaluatie · 1 maart 2027 · Bob Jansen\r"
        "- Wijkteams · Jaarlijkse lichte evaluatie · 20 april 2027 · Anne de Vries · geen bereik\r"
        "- Bibliotheek · Jaarlijkse lichte evaluatie · 30 april 2027 · Anne de Vries",
    ]


def test_digest_sorts_moments_on_the_same_day_by_name(content):
    same_day = [
        (partnership(id=1, name="Zorg", next_evaluation=date(2027, 3, 8)), True),
        (partnership(id=2, name="Afval", next_evaluation=date(2027, 3, 8)), True),
    ]
    card_ = digest_card(same_day, [], TODAY, content)
    assert texts(card_)[4].startswith("- Afval · ")
    assert payloads(card_) == [
        {"action": "partnership_open", "id": 2},
        {"action": "partnership_open", "id": 1},
    ]


def test_digest_opens_at_most_six_partnerships_behind_one_button(content):
    many = [
        (partnership(id=n, name=f"Samenwerking {n}", next_evaluation=date(2027, 3, n)), True)
        for n in range(1, 10)
    ]
    card_ = digest_card(many, [], TODAY, content)
    [open_set] = [e for e in card_["body"] if e["type"] == "ActionSet"]
    assert [a["title"] for a in open_set["actions"]] == ["Samenwerking bekijken"]
    assert payloads(card_) == [{"action": "partnership_open", "id": n} for n in range(1, 7)]
    assert titles(card_)[1:] == [f"Samenwerking {n}" for n in range(1, 7)]
    listed = open_set["actions"][0]["card"]["body"][0]["text"]
    assert listed == "\r".join(f"{n}. Samenwerking {n}" for n in range(1, 7))


def test_digest_opens_overdue_partnerships_first(content):
    card_ = digest_card(digest_partnerships(), [], TODAY, content)
    assert [data["id"] for data in payloads(card_)] == [4, 2, 3, 1, 8]


def test_digest_without_moments_says_so_kindly_and_has_no_buttons(content):
    card_ = digest_card([], [], TODAY, content)
    assert texts(card_) == [
        "Evaluaties: overzicht van week 9",
        "Nog niet gedaan",
        "Alle evaluaties zijn op tijd. Mooi zo!",
        "De komende 60 dagen",
        "Er zijn geen evaluaties in de komende 60 dagen.",
    ]
    assert actions(card_) == []


def test_digest_lists_undelivered_reminders_by_date(content):
    undelivered = [
        (partnership(id=1, name="Wijkteams", account_holder=BOB), date(2027, 4, 20)),
        (partnership(id=2, name="GGD"), date(2027, 3, 10)),
    ]
    card_ = digest_card([], undelivered, TODAY, content)
    assert texts(card_)[-2:] == [
        "Herinneringen die niet zijn aangekomen",
        "- GGD · evaluatie 10 maart 2027 · Anne de Vries\r"
        "- Wijkteams · evaluatie 20 april 2027 · Bob Jansen",
    ]


def test_digest_week_is_the_iso_week(content):
    new_year = digest_card([], [], date(2027, 1, 1), content)  # a Friday in 2026-W53
    assert texts(new_year)[0] == "Evaluaties: overzicht van week 53"


def test_digest_is_a_compact_card_not_full_width(content):
    card_ = digest_card(digest_partnerships(), [], TODAY, content)
    assert "msteams" not in card_
    assert card_["actions"] == []
    assert all(action["type"] in ACTION_TYPES for action in actions(card_))


# --- replies --------------------------------------------------------------------------------


def test_done_text_names_the_next_moment_or_asks_to_plan_one(content):
    m = content.messages
    assert evaluation_done_text(m, "GGD", date(2028, 11, 23)) == (
        "Genoteerd: de evaluatie van GGD is afgerond. De volgende staat op 23 november 2028."
    )
    assert evaluation_done_text(m, "GGD", None) == (
        "Genoteerd: de evaluatie van GGD is afgerond. Er is geen volgende evaluatie gepland. "
        "Plan er een met Wijzigen bij de samenwerking."
    )


def test_postponed_text_names_the_new_dutch_date(content):
    assert evaluation_postponed_text(content.messages, "GGD", date(2028, 1, 9)) == (
        "De evaluatie van GGD staat nu op 9 januari 2028."
    )


def test_reminder_toggle_texts_confirm_the_choice(content):
    assert reminders_off_text(content.messages, "GGD") == (
        "Oké, je krijgt geen herinneringen meer voor GGD. Bij de samenwerking zet je ze weer aan."
    )
    assert reminders_on_text(content.messages, "GGD") == (
        "Oké, je krijgt weer herinneringen voor GGD."
    )


def test_already_changed_text_points_at_the_partnership(content):
    assert evaluation_already_changed_text(content.messages, "GGD") == (
        "De evaluatie van GGD is intussen al afgerond of verzet. "
        "Bekijk de samenwerking voor de juiste datum."
    )


def test_digest_names_the_importance_for_council_and_college_when_decided(content):
    listed = [
        (
            partnership(
                id=1, name="GGD", next_evaluation=date(2027, 3, 8), importance="zeer_belangrijk"
            ),
            True,
        ),
        (partnership(id=2, name="Afval", next_evaluation=date(2027, 3, 9)), True),
    ]
    card_ = digest_card(listed, [], TODAY, content)
    assert texts(card_)[4] == (
        "- GGD · Jaarlijkse lichte evaluatie · 8 maart 2027 · Anne de Vries"
        " · Politiek zeer belangrijk\r"
        "- Afval · Jaarlijkse lichte evaluatie · 9 maart 2027 · Anne de Vries"
    )
