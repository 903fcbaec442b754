from __future__ import annotations

import pytest

from bot.domain.matcher import Matcher, Tuning


@pytest.fixture(scope="module")
def matcher(fixture_content) -> Matcher:
    return Matcher(fixture_content)


def _top(matcher: Matcher, query: str) -> str:
    return matcher.match(query).matches[0].entry.id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("moeten we een contract sluiten met de partner", "jur-1"),
        ("staatsteun", "jur-2"),
        ("verwerkersovereenkomt", "inf-1"),
        ("AVG afspraken met de partner die onze gegevens verwerkt", "inf-1"),
        ("state aid rules", "jur-2"),
        ("in welke fase zit ik", "fasenmodel"),
        ("wie is ibc", "IBC"),
    ],
)
def test_questions_rank_the_right_entry_first(matcher, query, expected):
    result = matcher.match(query)
    assert result.decision == "answer"
    assert result.matches[0].entry.id == expected


def test_match_reports_kind_theme_and_experts(matcher):
    best = matcher.match("staatssteun").matches[0]
    assert (best.entry.kind, best.entry.theme, best.entry.experts) == (
        "checklist",
        "Juridisch",
        ("JUR", "FIN"),
    )
    assert 0 < best.score <= 1


@pytest.mark.parametrize(
    "query", ["wachtwoord vergeten", "wat eten we vandaag", "", "!!!", "hoe laat is het in Tokio"]
)
def test_off_topic_questions_are_out_of_scope(matcher, query):
    result = matcher.match(query)
    assert result.decision == "out_of_scope"
    assert result.options == ()


def test_close_runners_up_lead_to_clarify_with_at_most_three_options(fixture_content):
    matcher = Matcher(fixture_content, Tuning(clarify_ratio=0.0, confident_score=1.1))
    result = matcher.match("overeenkomst")
    assert result.decision == "clarify"
    assert 1 < len(result.options) <= 3
    assert result.options[0].entry.id == "jur-1"


def test_limit_caps_the_number_of_matches(matcher):
    assert len(matcher.match("overeenkomst staatssteun privacy", limit=2).matches) == 2
