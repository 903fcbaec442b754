from __future__ import annotations

import pytest

from bot.domain.models import PeopleQuestions
from bot.domain.people import PersonRecogniser

PEOPLE = PeopleQuestions(context=["mailadres", "op kantoor", "ziek"])
VOCABULARY = frozenset({"samenwerking", "tilburg", "jur", "convenant"})


@pytest.mark.parametrize(
    "text",
    [
        "Is Van den Heuvel vandaag op kantoor?",
        "mailadres van Bakker van JUR?",
        "hoi. is Smulders ziek?",
    ],
)
def test_a_name_with_a_word_about_a_person_is_a_question_about_them(text):
    assert PersonRecogniser(PEOPLE, VOCABULARY).asks_about(text)


@pytest.mark.parametrize(
    "text",
    [
        "wat is het mailadres van JUR?",  # an acronym is a team, not a person
        "mailadres van Tilburg voor het convenant",  # a word the content knows
        "Bakker wil een convenant met ons",  # the start of a sentence is capitalised anyway
        "is de samenwerking met Goirle al van start?",  # a place, and nothing about a person
        "Goirle, Dongen en Tilburg delen een loket. De medewerkers zijn vaak ziek en willen"
        " weten wie hun werkgever is, wie het loon betaalt en wie het verzuim begeleidt.",
    ],
)
def test_an_unknown_capitalised_word_alone_or_in_a_long_text_is_no_person(text):
    assert not PersonRecogniser(PEOPLE, VOCABULARY).asks_about(text)


def test_without_content_nobody_is_recognised():
    assert not PersonRecogniser(None, VOCABULARY).asks_about("Is Bakker op kantoor?")
