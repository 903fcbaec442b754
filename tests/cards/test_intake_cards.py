"""Intake cards: start, form, step-by-step question, resume, summary card and Markdown."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from bot.cards import (
    intake_choice_card,
    intake_discarded_text,
    intake_form_card,
    intake_help_text,
    intake_question_card,
    intake_resume_card,
    intake_resumed_text,
    intake_stopped_text,
    intake_summary_card,
    intake_summary_markdown,
)
from bot.domain.content import Content, load_content
from bot.domain.intake import IntakeOutcome, ItemAnswer, OpenPoint
from bot.domain.models import Theme
from tests.cards.inspect_card import (
    MAX_CARD_BYTES,
    command_values,
    inputs,
    of_type,
    payloads,
    size,
    texts,
    titles,
)

PLACEHOLDER = "Contactgegevens volgen nog. Zoek het team voorlopig op het intranet."
WHY_2 = "Staatssteun kan de samenwerking ongeldig maken; laat het toetsen."
WHY_3 = "Inkoop en subsidie hebben eigen regels."
WHY_8 = "Afspraken tussen partijen kunnen de mededinging beperken."
OUTCOME = IntakeOutcome(
    theme="juridisch",
    answers=(
        ItemAnswer("jur-1", "ja", "SOK getekend in maart"),
        ItemAnswer("jur-2", "weet_niet", "Subsidie aan *stichting*"),
        ItemAnswer("jur-3", "ja"),
        ItemAnswer("jur-4", None),
        ItemAnswer("jur-5", "nvt"),
        ItemAnswer("jur-6", "nee"),
        ItemAnswer("jur-7", None),
        ItemAnswer("jur-8", "ja"),
    ),
    open_points=(
        OpenPoint("jur-2", "weet_niet", WHY_2, ("JUR", "FIN")),
        OpenPoint("jur-3", "ja", WHY_3, ("INK", "JUR")),
        OpenPoint("jur-8", "ja", WHY_8, ("JUR", "INK")),
    ),
    experts=("JUR", "FIN", "INK"),
    next_themes=("financien", "juridisch", "informatievoorziening"),
)
ALL_GOOD = IntakeOutcome(
    theme="juridisch",
    answers=tuple(ItemAnswer(f"jur-{n}", "ja") for n in range(1, 9)),
    open_points=(),
    experts=(),
    next_themes=(),
)
COMPLETED = datetime(2027, 11, 23, 14, 5)


def theme_of(content: Content, key: str) -> Theme:
    return next(theme for theme in content.themes if theme.key == key)


def worst_outcome(theme: Theme, note: str = "n" * 500) -> IntakeOutcome:
    """Every question answered 'nee' with a long note and an open point for all its teams."""
    return IntakeOutcome(
        theme=theme.key,
        answers=tuple(ItemAnswer(item.id, "nee", note) for item in theme.items),
        open_points=tuple(
            OpenPoint(item.id, "nee", item.explanation, tuple(item.experts)) for item in theme.items
        ),
        experts=tuple(dict.fromkeys(code for item in theme.items for code in item.experts)),
        next_themes=("juridisch", "financien", "bestuur"),
    )


@pytest.fixture(scope="module")
def summary(content):
    return intake_summary_card(OUTCOME, content, 42, "Regionaal Energieloket")


@pytest.fixture(scope="module")
def markdown(content):
    return intake_summary_markdown(OUTCOME, content, "Regionaal Energieloket", COMPLETED)


# --- starting ---------------------------------------------------------------------------------


def test_choice_card_says_what_the_intake_is_and_how_long_it_takes(content):
    card = intake_choice_card(content.messages, theme_of(content, "juridisch"), None)
    assert texts(card) == [
        "Intake Juridisch",
        "Je beantwoordt de 8 vragen uit de checklist van dit thema met Ja, Nee, "
        "Weet ik niet of Niet van toepassing. Dat duurt ongeveer 5 minuten.",
        "Daarna zie je wat nog open staat en welke expertteams je kunt inschakelen.",
        "Hoe wil je antwoorden?",
    ]


def test_choice_card_takes_longer_for_a_theme_with_many_questions(content):
    card = intake_choice_card(content.messages, theme_of(content, "capaciteit"), None)
    assert any("13 vragen" in line and "6 minuten" in line for line in texts(card))


def test_choice_card_offers_the_form_and_step_by_step(content):
    card = intake_choice_card(content.messages, theme_of(content, "juridisch"), None)
    assert titles(card) == ["Formulier invullen", "Stap voor stap in de chat"]
    assert payloads(card) == [
        {"action": "intake_start", "theme": "juridisch", "mode": "form"},
        {"action": "intake_start", "theme": "juridisch", "mode": "steps"},
    ]


def test_choice_card_for_a_partnership_names_it_and_carries_its_id(content):
    card = intake_choice_card(
        content.messages, theme_of(content, "juridisch"), "Regionaal Energieloket", 7
    )
    assert texts(card)[1] == "Voor de samenwerking Regionaal Energieloket"
    assert payloads(card) == [
        {"action": "intake_start", "theme": "juridisch", "mode": "form", "partnership": 7},
        {"action": "intake_start", "theme": "juridisch", "mode": "steps", "partnership": 7},
    ]


# --- the form ---------------------------------------------------------------------------------


def test_form_card_has_an_answer_and_a_note_input_for_every_question_in_order(content):
    for theme in content.themes:
        card = intake_form_card(theme, content)
        expected = [f"{kind}__{item.id}" for item in theme.items for kind in ("answer", "note")]
        assert [element["id"] for element in inputs(card)] == expected, theme.key


def test_form_card_answers_are_four_radio_buttons_and_not_required(content):
    card = intake_form_card(theme_of(content, "juridisch"), content)
    answer = inputs(card)[0]
    assert answer == {
        "type": "Input.ChoiceSet",
        "id": "answer__jur-1",
        "label": "Antwoord",
        "style": "expanded",
        "choices": [
            {"title": "Ja", "value": "ja"},
            {"title": "Nee", "value": "nee"},
            {"title": "Weet ik niet", "value": "weet_niet"},
            {"title": "Niet van toepassing", "value": "nvt"},
        ],
    }


def test_form_card_notes_are_optional_single_line_text(content):
    card = intake_form_card(theme_of(content, "juridisch"), content)
    note = inputs(card)[1]
    assert note == {
        "type": "Input.Text",
        "id": "note__jur-1",
        "label": "Notitie",
        "maxLength": 500,
        "placeholder": "Notitie (mag leeg blijven)",
    }


def test_form_card_shows_each_question_numbered_with_its_explanation_in_full_behind_meer(
    content,
):
    theme = theme_of(content, "juridisch")
    card = intake_form_card(theme, content)
    lines = texts(card)
    assert "1. Is er een overeenkomst?" in lines
    assert "2. Is er sprake van staatssteun?" in lines
    for item in theme.items:
        first, _, rest = " ".join(item.explanation.split()).partition(". ")
        shown = lines[lines.index(f"{theme.items.index(item) + 1}. {item.question}") + 1]
        assert shown == (f"{first}." if rest else first)
        if rest:
            [hidden] = [b for b in of_type(card, "TextBlock") if b.get("id") == f"more__{item.id}"]
            assert hidden["text"] == rest and hidden["isVisible"] is False
    assert not any(line.endswith("…") for line in lines)
    toggles = of_type(card, "Action.ToggleVisibility")
    assert toggles and {t["title"] for t in toggles} == {"Meer"}


def test_form_card_groups_questions_under_the_parts_of_the_guide(content):
    lines = texts(intake_form_card(theme_of(content, "capaciteit"), content))
    assert lines.count("Personeel en organisatie") == 1
    assert lines.count("Fysiek en digitaal samenwerken") == 1
    assert lines.index("Personeel en organisatie") < lines.index("Fysiek en digitaal samenwerken")


def test_form_card_submits_versturen_with_the_theme(content):
    card = intake_form_card(theme_of(content, "juridisch"), content)
    assert payloads(card) == [{"action": "intake_form", "theme": "juridisch"}]
    assert [action["title"] for action in card["actions"]] == ["Versturen"]
    assert card["msteams"] == {"width": "Full"}


def test_form_card_of_every_theme_stays_under_28_kb(content):
    for theme in content.themes:
        assert size(intake_form_card(theme, content)) < MAX_CARD_BYTES, theme.key


# --- step by step -----------------------------------------------------------------------------


def test_question_card_shows_progress_question_and_explanation(content):
    theme = theme_of(content, "juridisch")
    item = theme.items[1]
    card = intake_question_card(content.messages, theme, item, 2, 8, None)
    assert texts(card) == [
        "Vraag 2 van 8 · Juridisch",
        "Is er sprake van staatssteun?",
        item.explanation.strip(),
        "Je kunt je antwoord ook typen. Andere tekst bewaar ik als notitie bij deze vraag. "
        "Stel je een vraag, dan beantwoord ik die eerst.",
    ]


def test_question_card_buttons_post_the_words_a_user_would_type(content):
    theme = theme_of(content, "juridisch")
    card = intake_question_card(content.messages, theme, theme.items[1], 2, 8, None)
    assert command_values(card) == [
        "ja",
        "nee",
        "weet niet",
        "nvt",
        "overslaan",
        "terug",
        "stop",
    ]
    assert titles(card) == ["Ja", "Nee", "Weet ik niet", "N.v.t.", "Overslaan", "Terug", "Stop"]


def test_first_question_card_has_no_terug(content):
    theme = theme_of(content, "juridisch")
    card = intake_question_card(content.messages, theme, theme.items[0], 1, 8, None)
    assert command_values(card)[-2:] == ["overslaan", "stop"]


def test_question_card_shows_the_note_already_given(content):
    theme = theme_of(content, "juridisch")
    card = intake_question_card(content.messages, theme, theme.items[0], 1, 8, "we hebben een SOK")
    assert "Notitie: we hebben een SOK" in texts(card)


def test_question_card_shortens_a_very_long_note(content):
    theme = theme_of(content, "juridisch")
    card = intake_question_card(content.messages, theme, theme.items[0], 1, 8, "woord " * 200)
    [line] = [line for line in texts(card) if line.startswith("Notitie: ")]
    assert len(line) <= len("Notitie: ") + 300 and line.endswith("…")


def test_help_text_lists_every_word_and_the_note(content):
    help_text = intake_help_text(content.messages)
    for word in ("**ja**", "**nee**", "**weet niet**", "**nvt**", "**overslaan**", "**terug**"):
        assert word in help_text
    assert "**stop**" in help_text and "**help**" in help_text
    assert "Typ je iets anders, dan bewaar ik dat als notitie bij de vraag." in help_text


def test_resume_card_asks_to_finish_or_stop_the_intake(content):
    card = intake_resume_card(content.messages, theme_of(content, "juridisch"), 3, 8)
    assert texts(card) == [
        "Je bent nog bezig met de intake Juridisch (vraag 3 van 8). Wil je die eerst afmaken?"
    ]
    assert titles(card) == ["Intake afmaken", "Intake stoppen"]
    assert payloads(card) == [{"action": "dialog_continue"}, {"action": "dialog_stop"}]


def test_small_intake_texts(content):
    messages = content.messages
    assert intake_stopped_text(messages) == (
        "Oké, ik ben gestopt met de intake. Je kunt hem later opnieuw starten."
    )
    assert intake_resumed_text(messages, "Juridisch", 3, 8) == (
        "We gaan verder met de intake Juridisch, bij vraag 3 van 8."
    )
    assert intake_discarded_text(messages, "Juridisch") == (
        "Ik ben gestopt met de intake Juridisch. Je antwoorden zijn niet bewaard."
    )
    assert intake_discarded_text(messages) == (
        "Ik ben gestopt met het registreren. Er is niets bewaard."
    )


# --- the summary card -------------------------------------------------------------------------


def test_summary_card_heads_with_theme_and_partnership_and_counts_answers(summary):
    assert texts(summary)[:2] == [
        "Samenvatting intake Juridisch voor Regionaal Energieloket",
        "6 van 8 vragen beantwoord, 2 overgeslagen",
    ]
    assert summary["msteams"] == {"width": "Full"}


def test_summary_card_without_partnership_or_skipped_questions(content):
    card = intake_summary_card(ALL_GOOD, content, None, None)
    assert texts(card)[:2] == ["Samenvatting intake Juridisch", "8 van 8 vragen beantwoord"]


def test_summary_card_shows_each_open_point_with_answer_why_note_and_teams(summary):
    lines = texts(summary)
    start = lines.index("Is er sprake van staatssteun?")
    assert lines[start : start + 5] == [
        "Is er sprake van staatssteun?",
        "Jouw antwoord: Weet ik niet",
        WHY_2,
        "Notitie: Subsidie aan *stichting*",
        "Schakel in: Juridische Zaken (JUR), Financiën en control",
    ]
    assert "Ga je een dienst of product inkopen of subsidiëren?" in lines
    assert "Is er sprake van mededinging?" in lines
    assert "Is er een overeenkomst?" not in lines  # answered, not open


def test_summary_card_names_each_expert_team_once_with_its_contact_block(summary, content):
    lines = texts(summary)
    assert "Schakel deze expertteams in" in lines
    assert lines.count("Juridische Zaken (JUR)") == 1
    assert lines.count("Financiën en control") == 1
    assert lines.count("Team Inkoop") == 1
    assert lines.count(PLACEHOLDER) == 1  # once for the three teams
    assert _team_names(summary, content) == [
        "Juridische Zaken (JUR)",
        "Financiën en control",
        "Team Inkoop",
    ]


def test_summary_card_adds_a_team_an_open_point_names_but_the_outcome_left_out(content):
    outcome = IntakeOutcome(
        "juridisch",
        OUTCOME.answers,
        OUTCOME.open_points,
        experts=("JUR",),
        next_themes=(),
    )
    assert _team_names(intake_summary_card(outcome, content, 1), content) == [
        "Juridische Zaken (JUR)",
        "Financiën en control",
        "Team Inkoop",
    ]


def test_summary_card_offers_next_themes_as_step_by_step_intakes_not_its_own(summary):
    assert payloads(summary, "intake_start") == [
        {"action": "intake_start", "theme": "financien", "mode": "steps"},
        {"action": "intake_start", "theme": "informatievoorziening", "mode": "steps"},
    ]
    assert "Kijk ook naar" in texts(summary)
    assert "Intake Financiën" in titles(summary)


def test_summary_card_carries_the_partnership_to_the_next_intakes(content):
    card = intake_summary_card(OUTCOME, content, 42, "Regionaal Energieloket", 7)
    assert {data["partnership"] for data in payloads(card, "intake_start")} == {7}


def test_summary_card_offers_the_markdown_of_the_stored_intake(summary, content):
    assert payloads(summary, "intake_markdown") == [{"action": "intake_markdown", "intake": 42}]
    assert "Samenvatting als tekst" in titles(summary)
    unsaved = intake_summary_card(OUTCOME, content, None, None)
    assert payloads(unsaved, "intake_markdown") == []


def test_summary_card_without_open_points_says_so_positively(content):
    card = intake_summary_card(ALL_GOOD, content, 3, None)
    assert "Op basis van je antwoorden staat er niets open. Mooi zo!" in texts(card)
    assert "Schakel deze expertteams in" not in texts(card)
    assert "Kijk ook naar" not in texts(card)


def test_summary_card_shortens_long_notes(content):
    theme = theme_of(content, "juridisch")
    card = intake_summary_card(worst_outcome(theme, "woord " * 200), content, 1)
    notes = [line for line in texts(card) if line.startswith("Notitie: ")]
    assert len(notes) == len(theme.items)
    assert all(len(line) <= len("Notitie: ") + 300 for line in notes)


def test_summary_card_of_every_theme_stays_under_28_kb_even_when_all_is_open(content):
    for theme in content.themes:
        card = intake_summary_card(worst_outcome(theme), content, 1, "x" * 80, 7)
        assert size(card) < MAX_CARD_BYTES, theme.key


# --- the Markdown -----------------------------------------------------------------------------


def test_markdown_starts_with_title_partnership_date_and_counts(markdown):
    assert markdown.startswith(
        "# Samenvatting intake Juridisch\n\n"
        "Samenwerking: Regionaal Energieloket\n\n"
        "Datum: 23 november 2027\n\n"
        "6 van 8 vragen beantwoord, 2 overgeslagen.\n\n"
        "## Antwoorden\n\n"
        "1. Is er een overeenkomst?\n"
        "   - Antwoord: Ja\n"
        "   - Notitie: SOK getekend in maart\n"
        "2. Is er sprake van staatssteun?\n"
        "   - Antwoord: Weet ik niet\n"
        "   - Notitie: Subsidie aan \\*stichting\\*\n"
        "3. Ga je een dienst of product inkopen of subsidiëren?\n"
        "   - Antwoord: Ja\n"
        "4. Wie heeft welke bevoegdheden?\n"
        "   - Antwoord: overgeslagen\n"
    )


def test_markdown_lists_open_points_with_answer_why_and_teams(markdown):
    assert (
        "## Wat nog open staat\n\n"
        "### Is er sprake van staatssteun?\n\n"
        "- Jouw antwoord: Weet ik niet\n"
        f"- Waarom: {WHY_2}\n"
        "- Notitie: Subsidie aan \\*stichting\\*\n"
        "- Schakel in: Juridische Zaken (JUR), Financiën en control\n\n"
        "### Ga je een dienst of product inkopen of subsidiëren?\n\n"
        "- Jouw antwoord: Ja\n"
        f"- Waarom: {WHY_3}\n"
        "- Schakel in: Team Inkoop, Juridische Zaken (JUR)\n"
    ) in markdown
    assert "### Is er sprake van mededinging?" in markdown


def test_markdown_names_each_team_once_with_contact_details_and_next_themes(markdown, content):
    assert markdown.count("### Juridische Zaken (JUR)") == 1
    assert markdown.count("### Financiën en control") == 1
    assert markdown.count("### Team Inkoop") == 1
    assert markdown.count(PLACEHOLDER) == 1
    assert markdown.endswith("## Kijk ook naar\n\n- Financiën\n- Informatievoorziening & Privacy\n")


def test_markdown_shows_real_contact_details_as_text(tmp_path):
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text(
        "version: 1\ncontacts:\n  JUR:\n    email: jur@gemeente.nl\n"
        "    phone: 013 542 00 00\n    url: https://intranet.tilburg.nl/jur\n"
    )
    content = load_content(contacts=contacts)
    markdown = intake_summary_markdown(OUTCOME, content, None, COMPLETED)
    assert (
        "- E-mail: jur@gemeente.nl\n"
        "- Telefoon: 013 542 00 00\n"
        "- Website: https://intranet.tilburg.nl/jur\n"
    ) in markdown
    assert "Samenwerking:" not in markdown


def test_markdown_without_open_points_says_so(content):
    markdown = intake_summary_markdown(ALL_GOOD, content, None, COMPLETED)
    assert "## Wat nog open staat\n\nOp basis van je antwoorden staat er niets open." in markdown
    assert "## Expertteams" not in markdown
    assert "## Kijk ook naar" not in markdown


def _team_names(card: dict[str, Any], content: Content) -> list[str]:
    """The names heading the containers of common.expert_block, in card order."""
    names = {expert.name for expert in content.experts.values()}
    blocks = of_type(card, "Container")
    return [b["items"][0]["text"] for b in blocks if b["items"][0].get("text") in names]
