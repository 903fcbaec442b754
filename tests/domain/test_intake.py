from __future__ import annotations

import pytest

from bot.domain.intake import ItemAnswer, evaluate_intake, parse_answer


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("ja", ("ja", None)),
        ("Ja, we hebben een SOK", ("ja", "we hebben een SOK")),
        ("NEE.", ("nee", None)),
        ("weet ik niet", ("weet_niet", None)),
        ("Weet niet - vraag ik na", ("weet_niet", "vraag ik na")),
        ("n.v.t.", ("nvt", None)),
        ("niet van toepassing want geen geld", ("nvt", "want geen geld")),
        ("de SOK ligt bij de provincie", (None, "de SOK ligt bij de provincie")),
        ("japanse delegatie", (None, "japanse delegatie")),
        ("", (None, None)),
    ],
)
def test_typed_answers_and_notes_are_told_apart(text, parsed):
    assert parse_answer(text) == parsed


def test_rules_make_open_points_with_their_teams_and_next_themes(fixture_content):
    theme = fixture_content.themes[0]  # juridisch: jur-1, jur-2
    outcome = evaluate_intake(
        theme,
        {"jur-1": ItemAnswer("jur-1", "nee"), "jur-2": ItemAnswer("jur-2", "ja", "x")},
        fixture_content,
    )
    assert [(p.item_id, p.answer, p.experts) for p in outcome.open_points] == [
        ("jur-1", "nee", ("JUR",)),
        ("jur-2", "ja", ("JUR", "FIN")),
    ]
    assert outcome.experts == ("JUR", "FIN")  # each team once
    assert outcome.open_points[1].why == "Voordeel voor een onderneming kan staatssteun zijn."
    assert (outcome.answered, outcome.skipped) == (2, 0)


def test_unanswered_items_are_skipped_not_open_points(fixture_content):
    theme = fixture_content.themes[0]
    outcome = evaluate_intake(theme, {}, fixture_content)
    assert (outcome.answered, outcome.skipped, outcome.open_points) == (0, 2, ())
    assert [answer.item_id for answer in outcome.answers] == ["jur-1", "jur-2"]
