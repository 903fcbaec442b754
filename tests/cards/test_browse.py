"""Theme and expert-team cards: lists to pick from and one theme or team in full."""

from __future__ import annotations

from bot.cards import expert_card, experts_card, theme_card, themes_card
from bot.domain.content import Content
from bot.domain.models import Theme
from tests.cards.inspect_card import command_values, payloads, texts, titles


def _theme(content: Content, key: str) -> Theme:
    return next(theme for theme in content.themes if theme.key == key)


def test_themes_card_offers_all_eight_themes_with_their_number_of_questions(content):
    card = themes_card(content)
    assert payloads(card, "theme") == [
        {"action": "theme", "theme": key}
        for key in (
            "bestuur",
            "capaciteit",
            "communicatie",
            "financien",
            "informatievoorziening",
            "juridisch",
            "lobby",
            "partners",
        )
    ]
    assert titles(card)[:2] == ["Bestuur", "Mensen en capaciteit"]
    assert "13 vragen" in texts(card) and "8 vragen" in texts(card)


def test_theme_card_shows_why_and_the_source(content):
    theme = _theme(content, "juridisch")
    card = theme_card(theme, content)
    assert texts(card)[:3] == ["Juridisch", "Waarom is dit belangrijk?", theme.why.strip()]
    assert f"Bron: {theme.source}" in texts(card)


def test_theme_card_offers_every_checklist_question_numbered_as_show_buttons(content):
    theme = _theme(content, "capaciteit")
    card = theme_card(theme, content)
    assert payloads(card, "show") == [{"action": "show", "id": item.id} for item in theme.items]
    assert "13 vragen uit de checklist" in texts(card)
    numbered = [title for title in titles(card) if title.startswith("Vraag ")]
    assert numbered == [f"Vraag {n}" for n in range(1, 14)]
    listed = "\r".join(texts(card))
    for n, item in enumerate(theme.items, 1):
        assert f"{n}. {' '.join(item.question.split())}" in listed


def test_theme_card_groups_questions_under_the_parts_of_the_guide(content):
    theme = _theme(content, "capaciteit")
    lines = texts(theme_card(theme, content))
    assert lines.count("Personeel en organisatie") == 1
    assert lines.count("Fysiek en digitaal samenwerken") == 1


def test_theme_card_names_the_main_experts_of_its_questions_once_each(content):
    theme = _theme(content, "juridisch")
    card = theme_card(theme, content)
    codes = dict.fromkeys(item.experts[0] for item in theme.items)
    expected = "\r".join(f"- {content.experts[code].name}" for code in codes)
    assert "Deze expertteams doen vaak mee" in texts(card)
    assert expected in texts(card)
    assert command_values(card) == ["intake juridisch", "thema's"]


def test_experts_card_offers_every_team_as_an_expert_button_with_one_line(content):
    card = experts_card(content)
    assert payloads(card, "expert") == [
        {"action": "expert", "code": code} for code in content.experts
    ]
    assert "Juridische Zaken (JUR)" in texts(card)
    assert "Meer over JUR" in titles(card)
    assert (
        "Helpt bepalen of iets inkoop is en begeleidt het inkoop- of aanbestedingstraject."
        in texts(card)
    )


def test_expert_card_says_what_when_and_how_to_reach_the_team(content):
    expert = content.experts["P&O"]
    card = expert_card(expert, content)
    lines = texts(card)
    assert lines[:2] == ["P&O-advies", expert.helps_with.strip()]
    assert ["Wanneer schakel je dit team in?", expert.when.strip(), "Contact"] == lines[2:5]
    assert "Contactgegevens volgen nog. Zoek het team voorlopig op het intranet." in lines
    assert command_values(card) == ["experts"]
    assert titles(card) == ["Alle teams"]
    assert card["actions"] == []
