"""Every appraisal card follows the rules Teams, a phone and our contract need."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.cards import appraisal as cards
from bot.cards.actions import read
from bot.cards.common import card as envelope
from bot.domain.appraisal import Appraisal, complete_ratings, outcome, trend
from bot.domain.appraisal_content import AppraisalFile
from bot.domain.content import Content
from tests.cards.inspect_card import (
    ACTION_TYPES,
    ELEMENT_TYPES,
    INPUT_TYPES,
    MAX_CARD_BYTES,
    actions,
    inputs,
    nodes,
    of_type,
    payloads,
    size,
)
from tests.cards.test_register_cards import BASE, partnership

TITLE_LIMIT = 30
CELLS = [
    f"{p}.{r}"
    for p in ("gemeente", "partners", "context")
    for r in ("ambitie", "capaciteit", "governance")
]
WEAK = [
    "sterk",
    "aandacht",
    "zorg",
    "voldoende",
    "voldoende",
    "zorg",
    "onbekend",
    "sterk",
    "aandacht",
]


@pytest.fixture(scope="module")
def file(content: Content) -> AppraisalFile:
    assert content.appraisal is not None
    return content.appraisal


def _appraisal(file: AppraisalFile, ratings: list[str], **changes: Any) -> Appraisal:
    fields: dict[str, Any] = {
        "id": 3,
        "partnership_id": 7,
        "partnership_name": "Regionale Energiestrategie " * 3,
        "user_id": "aad-anne",
        "completed_at": datetime(2026, 11, 23, 9, tzinfo=UTC),
        "opening": "Kwetsbaar " * 200,
        "ratings": complete_ratings(
            {cell: (r, "notitie " * 80) for cell, r in zip(CELLS, ratings, strict=True)}, file
        ),
        "waters": "onrustig",
        "own_organisation_change": True,
        "phase": "implementeren",
        "cooperation": "cocreatie",
        "next_steps": (),
        **changes,
    }
    return Appraisal(**fields)


def _result(content, file, ratings, previous=None, **changes) -> dict[str, Any]:
    stored = _appraisal(file, ratings, **changes)
    result = outcome(stored.ratings, stored.waters, file)
    trends = trend(stored, previous, file)
    return cards.result_card(
        file, content, stored, result, trends, previous, ["Het evaluatiemoment is afgerond."]
    )


@pytest.fixture(scope="module")
def all_cards(content, file) -> list[tuple[str, dict[str, Any]]]:
    register, m = content.register, content.messages
    previous = _appraisal(file, ["zorg"] * 9, id=2, completed_at=datetime(2025, 11, 1, tzinfo=UTC))
    found = [
        ("list", cards.appraisal_list_card(m, [BASE, partnership(id=8, name="N " * 40)])),
        ("list, none", cards.appraisal_list_card(m, [])),
        ("name", cards.name_question_card(m, 1, 15)),
        ("opening", cards.opening_question_card(file, m, "Energie", 1, 14, offer_form=True)),
        ("opening later", cards.opening_question_card(file, m, "Energie", 2, 15, offer_form=False)),
        *(
            (f"cell {cell.key}", cards.cell_question_card(file, m, cell, n, 14, "notitie " * 100))
            for n, cell in enumerate(file.ordered_cells(), 2)
        ),
        (
            "waters",
            cards.choice_question_card(
                m,
                file.closing.waters.question,
                file.closing.waters.hint,
                [(file.closing.waters.calm,) * 2, (file.closing.waters.rough,) * 2],
                11,
                14,
                "Energie",
            ),
        ),
        (
            "cooperation",
            cards.choice_question_card(
                m,
                file.closing.cooperation.question,
                cards.cooperation_hint(file),
                cards.cooperation_choices(file),
                14,
                14,
                "Energie",
            ),
        ),
        ("resume", cards.resume_card(m, "Energie", 5, 14)),
        *(
            (f"form {part}", cards.perspective_form_card(file, m, register, "Energie", part, 7))
            for part in range(3)
        ),
        ("form, not registered", cards.perspective_form_card(file, m, register, None, 0, None)),
        ("result, first", _result(content, file, WEAK)),
        ("result, compared", _result(content, file, WEAK, previous)),
        ("result, all strong", _result(content, file, ["sterk"] * 9, previous)),
        ("result, not registered", _result(content, file, WEAK, partnership_id=None)),
        (
            "phase back",
            cards.phase_back_card(m, BASE, "Onderhandelen", "Implementeren", "onderhandelen"),
        ),
        (
            "section",
            envelope(cards.partnership_section(m, BASE, previous, register, may_change=True)),
        ),
        (
            "section, none",
            envelope(cards.partnership_section(m, BASE, None, register, may_change=False)),
        ),
    ]
    return found


def test_every_card_is_an_adaptive_card_1_5_with_supported_elements(all_cards):
    for name, card in all_cards:
        assert card["version"] == "1.5", name
        for node in nodes(card):
            if node is not card and node["type"] != "AdaptiveCard":
                assert node["type"] in ELEMENT_TYPES | INPUT_TYPES | ACTION_TYPES, (name, node)


def test_every_button_title_fits_on_a_phone(all_cards):
    for name, card in all_cards:
        for action in actions(card):
            assert 0 < len(action["title"]) <= TITLE_LIMIT, (name, action["title"])


def test_every_button_keeps_to_the_contract(all_cards):
    for name, card in all_cards:
        for data in payloads(card):
            assert "key" not in data and "msteams" not in data, (name, data)
            read(data)  # raises Unusable when the contract does not know it


def test_no_action_set_holds_more_than_six_buttons_and_text_wraps(all_cards):
    for name, card in all_cards:
        assert len(card["actions"]) <= 6, name
        for action_set in of_type(card, "ActionSet"):
            assert 1 <= len(action_set["actions"]) <= 6, name
        for block in of_type(card, "TextBlock"):
            assert block["wrap"] is True, (name, block["text"])
        assert size(card) < MAX_CARD_BYTES, name


def test_every_input_has_a_unique_id_and_a_label(all_cards):
    for name, card in all_cards:
        ids = [element["id"] for element in inputs(card)]
        assert len(ids) == len(set(ids)), name
        assert all(element["label"] for element in inputs(card)), name


def test_only_the_forms_have_inputs_and_only_the_grid_has_three_columns(all_cards):
    assert {name for name, card in all_cards if inputs(card)} == {
        "form 0",
        "form 1",
        "form 2",
        "form, not registered",
        "section",  # 'Belang bepalen', for those who may change the partnership
    }
    for name, card in all_cards:
        for column_set in of_type(card, "ColumnSet"):
            assert name.startswith("result"), name
            assert len(column_set["columns"]) == 3


def test_the_grid_shows_every_rating_as_a_word_on_its_colour(all_cards, file):
    colours = {rating.word: rating.colour for rating in file.ratings}
    result = dict(all_cards)["result, compared"]
    styled = [c for s in of_type(result, "ColumnSet") for c in s["columns"] if "style" in c]
    assert len(styled) == 9
    words = [column["items"][0]["text"] for column in styled]
    assert words == [
        "Sterk", "Voldoende", "Weet ik niet",
        "Aandacht nodig", "Voldoende", "Sterk",
        "Zorgelijk", "Zorgelijk", "Aandacht nodig",
    ]  # fmt: skip
    assert [column["style"] for column in styled] == [colours[word] for word in words]
    trends = [column["items"][1]["text"] for column in styled if len(column["items"]) > 1]
    up, same = "↑ beter", "= gelijk"  # 'weet ik niet' (context.ambitie) has no arrow
    assert trends == [up, up, up, up, up, same, same, up]


def test_a_step_card_offers_every_rating_and_the_steering_words(all_cards):
    cell = dict(all_cards)["cell gemeente.capaciteit"]
    typed = [data["text"] for data in payloads(cell, "command")]
    assert typed == ["sterk", "voldoende", "aandacht nodig", "zorgelijk", "weet niet",
                     "overslaan", "terug", "stop"]  # fmt: skip
    first = dict(all_cards)["opening"]
    assert [data["text"] for data in payloads(first, "command")] == [
        "formulier",
        "overslaan",
        "stop",
    ]


def test_the_markdown_summary_has_the_grid_as_a_table(content, file):
    previous = _appraisal(file, ["zorg"] * 9, completed_at=datetime(2025, 11, 1, tzinfo=UTC))
    stored = _appraisal(file, WEAK, opening="Kwetsbaar *nu*")
    result = outcome(stored.ratings, stored.waters, file)
    markdown = cards.summary_markdown(
        file, content, stored, result, trend(stored, previous, file), previous
    )
    assert "Vorige waardering: 1 november 2025" in markdown
    assert "| | Gemeente | Partners | Context |" in markdown
    assert "| Sturing (governance) | Zorgelijk = | Zorgelijk = | Aandacht nodig ↑ |" in markdown
    assert "Kwetsbaar \\*nu\\*" in markdown
    assert "- **Governance**: Maak samen duidelijke afspraken" in markdown
