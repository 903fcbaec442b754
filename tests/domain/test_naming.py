from __future__ import annotations

import pytest

from bot.domain.matcher import Matcher


@pytest.fixture(scope="module")
def matcher(fixture_content) -> Matcher:
    return Matcher(fixture_content)


def _terms(matcher: Matcher, text: str):
    return matcher.analyzer.terms(text)


def test_a_frameworks_title_and_a_teams_code_ask_for_them(matcher):
    assert matcher.names.asks(_terms(matcher, "wat zegt het fasenmodel")) == (True, False)
    assert matcher.names.asks(_terms(matcher, "wie is ibc")) == (False, True)
    assert matcher.names.asks(_terms(matcher, "is er een overeenkomst")) == (False, False)


def test_a_telling_word_of_a_section_asks_for_its_framework_a_short_one_does_not(matcher):
    assert "knelpunt" in matcher.names.asking_framework  # from the section's question
    assert "kan" not in matcher.names.asking_framework


def test_naming_one_framework_sets_the_others_apart(matcher):
    assert matcher.names.other_frameworks(_terms(matcher, "het fasenmodel")) == frozenset()
    assert matcher.names.other_frameworks(_terms(matcher, "een overeenkomst")) == frozenset()


def test_the_entry_whose_full_name_holds_the_text_is_titled(matcher):
    vector, _ = matcher._query_vector(_terms(matcher, "verkennen fasenmodel"))
    titled = {matcher.entries[index].id for index in matcher.names.titled(vector, 0.8)}
    assert titled == {"fase-verkennen"}
    vector, _ = matcher._query_vector(_terms(matcher, "verkennen staatssteun overeenkomst"))
    assert matcher.names.titled(vector, 0.8) == frozenset()
