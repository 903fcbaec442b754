from __future__ import annotations

import pytest

from bot.domain.analyzer import ConceptHit
from bot.domain.dutch import stem, words
from bot.domain.models import OwnBusiness
from bot.domain.own_business import OwnBusinessRecogniser

OWN = OwnBusiness(
    markers=["onze eigen", "stadhuis", "ons team"],
    partners=["regio"],
    partner_words=["samen", "samenwerking", "dit"],
    before_names=["met", "namens"],
    refer="Vraag het team dat erover gaat.",
)


def _says(text: str, hits: tuple[ConceptHit, ...] = ()) -> bool:
    terms = {stem(word): 1.0 for word in words(text)}
    return OwnBusinessRecogniser(OWN).says(text, terms, list(hits))


@pytest.mark.parametrize(
    "text",
    [
        "Hoe vul ik de risicoparagraaf van onze eigen begroting in?",
        "moeten we de schoonmaak van het stadhuis aanbesteden",
        "wie beslist over inhuur voor ons team",
        "Welke procedure volgen we met het oog op het stadhuis?",  # no name after "met"
    ],
)
def test_a_marker_without_a_partner_is_the_own_business(text):
    assert _says(text)


@pytest.mark.parametrize(
    "text",
    [
        "wat zijn de risico's voor de begroting",  # no marker
        "werken we samen met ons team",  # a partner word
        "past dit bij ons team",  # "dit": the partnership talked about
        "Mijn collega's op het stadhuis weten niet dat we met Delfland werken",  # a name
        "wie tekent voor ons team namens Goirle",  # a name after "namens"
        "komen ze op het stadhuis werken met de HZ",  # a name after an article
        "Ons team gaat volgend jaar de hele administratie van de subsidies anders inrichten,"
        " met nieuwe formulieren, een nieuw systeem en andere afspraken over wie wat controleert"
        " en wanneer er wordt uitbetaald aan de aanvragers.",  # a description of a situation
    ],
)
def test_no_marker_or_a_partner_named_is_no_own_business(text):
    assert not _says(text)


def test_a_partner_concept_or_a_misspelt_partner_word_names_a_partner():
    text = "de begroting van ons team"
    hit = ConceptHit(key="regio", words="regionale", position=0)
    assert _says(text) and not _says(text, (hit,))
    repaired = {stem(word): 1.0 for word in words(text)} | {stem("samenwerking"): 1.0}
    assert not OwnBusinessRecogniser(OWN).says(text + " samenwerkng", repaired, [])


def test_an_abbreviation_the_content_does_not_know_names_a_partner():
    text = "hoe stemmen we onze eigen inbreng in de RUD af"
    terms = {stem(word): 1.0 for word in words(text)}
    recogniser = OwnBusinessRecogniser(OWN)

    def known(term: str) -> bool:
        return term not in {"rud", "bi"}

    assert recogniser.says(text, terms, [])
    assert not recogniser.says(text, terms, [], known)
    assert recogniser.says("onze eigen cijfers in Power BI", {}, [], known)  # too short


def test_without_content_nothing_is_the_own_business():
    recogniser = OwnBusinessRecogniser(None)
    assert not recogniser.says("de schoonmaak van het stadhuis", {}, [])
    assert recogniser.refer is None
