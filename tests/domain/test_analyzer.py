from __future__ import annotations

import threading

import pytest

from bot.domain import lexicon
from bot.domain.analyzer import Analyzer
from bot.domain.dutch import (
    contains_any,
    is_personal,
    light_stem,
    negated_positions,
    normalize,
    stem,
    words,
)
from bot.domain.lexicon import everyday_words

CORPUS = [
    "Is er een verwerkersovereenkomst benodigd?",
    "Is er sprake van staatssteun?",
    "Is er een overeenkomst?",
    "Welke persoonsgegevens worden verwerkt?",
    "steun aan bedrijven",
]
SYNONYMS = [["privacy", "avg", "persoonsgegevens"], ["ondernemingsraad", "or", "medezeggenschap"]]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(SYNONYMS, CORPUS)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Financiën & Privacy!", "financien privacy"),
        ("P&O-adviseur", "po adviseur"),
        ("risico\u2019s van de GR", "risicos van de gr"),
        ("  Wet- en regelgeving  ", "wet en regelgeving"),
    ],
)
def test_normalize_lowers_strips_accents_and_punctuation(text, normal):
    assert normalize(text) == normal


def test_stop_words_are_dropped_and_words_stemmed(analyzer):
    assert analyzer.terms("Welke persoonsgegevens worden verwerkt?").keys() >= {
        "persoonsgeven",
        "verwerk",
    }
    assert "welke" not in analyzer.terms("Welke persoonsgegevens worden verwerkt?")
    # pronouns and past forms of auxiliaries say nothing ("waren" would stem to "waar")
    assert analyzer.terms("wat doet ieder van hen, wat waren haar taken").keys() == {"taak"}


def test_synonyms_meet_in_one_canonical_term(analyzer):
    assert "=privacy" in analyzer.terms("AVG")
    assert "=privacy" in analyzer.terms("persoonsgegevens")
    assert "=ondernemingsraad" in analyzer.terms("rol van de OR")


def test_typos_are_repaired_only_for_questions(analyzer):
    assert "staatssteun" in analyzer.terms("staatsteun", repair_typos=True)
    assert "staatssteun" not in analyzer.terms("staatsteun")
    assert "verwerkersovereenkomst" in analyzer.terms("verwerkersovereenkomt", repair_typos=True)


def test_short_or_far_words_are_not_repaired(analyzer):
    assert analyzer.terms("lunch", repair_typos=True) == {"lunch": 1.0}


def test_compound_words_also_yield_their_parts(analyzer):
    terms = analyzer.terms("verwerkersovereenkomst")
    assert terms["overeenkomst"] == pytest.approx(0.6)
    assert "verwerker" in terms
    assert "steun" in analyzer.terms("staatssteun")


def test_a_half_typed_last_word_is_completed_only_when_asked(analyzer):
    assert "staatssteun" in analyzer.terms("is er staats", complete_last=True)
    assert "staatssteun" not in analyzer.terms("is er staats")
    assert "st" in analyzer.terms("st", complete_last=True)  # too short to guess


def test_thesaurus_concepts_are_found_with_the_words_that_name_them():
    analyzer = Analyzer([["detachering", "gedetacheerd"], ["ict", "IT"]], [], keys=["det", "ict"])
    [hit] = analyzer.concepts("twee collega's worden gedetacheerd")
    assert (hit.key, hit.words, hit.position, hit.part) == ("det", "gedetacheerd", 3, False)
    assert "=det" in analyzer.terms("detacheringen")  # plural endings do not matter


def test_a_phrase_is_found_with_fillers_between_its_words_but_no_shorter_one_is_made():
    analyzer = Analyzer(
        [["storing", "doet het niet", "werkt weer niet", "geeft een foutmelding"]],
        [],
        keys=["storing"],
    )
    [hit] = analyzer.concepts("de printer doet het weer eens niet")
    assert (hit.key, hit.words, hit.position) == ("storing", "doet het weer eens niet", 2)
    assert analyzer.concepts("de printer werkt weer niet")[0].key == "storing"
    assert analyzer.concepts("hun omgeving werkt niet met de onze") == []  # not "werkt niet"
    assert analyzer.concepts("weer doet het niet")[0].position == 1  # a filler starts none
    assert analyzer.concepts("hij geeft toch een foutmelding")[0].key == "storing"  # "een"


def test_or_and_it_are_acronyms_in_dutch_or_in_capitals_but_not_in_english():
    analyzer = Analyzer([["ondernemingsraad", "OR"], ["ict", "IT"]], [], keys=["or", "ict"])
    assert "=or" in analyzer.terms("wat is de rol van de or")
    assert "=or" not in analyzer.terms("is this mandatory or voluntary")
    assert "=ict" in analyzer.terms("who is our IT advisor")
    assert "=ict" not in analyzer.terms("what does it cost")


def test_a_part_of_a_compound_word_names_its_concept():
    analyzer = Analyzer([["tekort", "tekorten"]], ["exploitatie"], keys=["tekort"])
    [hit] = analyzer.concepts("wie betaalt het exploitatietekort")
    assert (hit.key, hit.part) == ("tekort", True)


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("wanneer wordt mijn salaris betaald", True),
        ("mag ik de overeenkomst tekenen", True),
        ("kan ik met onze partners afspraken maken", False),
        ("wat moet ik regelen voor de samenwerking", False),
        ("wat eten we vandaag", False),
        ("mijn wethouder wil meer geld van het rijk, hoe pak ik dat aan", False),  # a work role
        ("ik heb een vraag over mijn wethoudersfoto", True),
        ("mijn collega's werken alsof het een gemeentelijk project is", False),
        ("hoe krijg ik mijn collega's mee", False),
        ("mijn partner is zwanger, hoeveel verlof krijg ik", True),  # one's own partner
        ("mag ik mijn partners zelf kiezen", False),
        ("kan ik de partners zelf kiezen", False),
        ("ik wil mijn samenwerking waarderen", False),
    ],
)
def test_questions_about_ones_own_affairs_are_told_apart(text, personal):
    assert is_personal(words(text)) is personal


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("er gaat geen geld of personeel in om", {"geld", "of", "personeel"}),
        ("geen geld, wel personeel", {"geld"}),
        ("no budget and no staff", {"budget", "staff"}),
        ("er is nog geen geld", set()),  # not there yet
        ("er is geen geld meer", set()),  # no longer
        ("het geld gaat naar de partners", set()),
    ],
)
def test_a_negation_covers_the_next_words_of_its_clause(text, covered):
    tokens = words(text)
    assert {tokens[position] for position in negated_positions(text)} == covered


def test_the_last_part_of_a_compound_word_tells_what_it_is_a_first_part_does_not():
    analyzer = Analyzer(
        [["tekort"], ["belasting"]], ["exploitatie", "kantoor"], keys=["tekort", "belasting"]
    )
    [tail] = analyzer.concepts("wie betaalt het exploitatietekort")
    assert (tail.key, tail.part, tail.tail, tail.telling) == ("tekort", True, True, True)
    [head] = analyzer.concepts("het belastingkantoor van de regio")
    assert (head.key, head.part, head.tail, head.telling) == ("belasting", True, False, False)
    [whole] = analyzer.concepts("een tekort")
    assert whole.telling


def test_a_compound_with_a_light_tail_is_its_first_part():
    analyzer = Analyzer([["lobby"], ["privacy"]], ["werk", "kant"], keys=["lobby", "privacy"])
    [hit] = analyzer.concepts("waar helpt lobbywerk ons")
    assert (hit.key, hit.part, hit.telling) == ("lobby", False, True)
    assert analyzer.terms("lobbywerk")["=lobby"] == analyzer.terms("lobby")["=lobby"]
    [kant] = analyzer.concepts("wie kijkt naar de privacykant")
    assert (kant.key, kant.part) == ("privacy", False)


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("gemeente", "meen"),
        ("gemeen", "meen"),
        ("gezin", "zin"),
        ("gewoon", "wonen"),
        ("gegevens", "geven"),
    ],
)
def test_a_words_own_ge_is_kept_by_the_stemmer(word, other):
    assert stem(word) != stem(other)


def test_a_past_participle_still_loses_its_ge():
    assert stem("gedetacheerd") == stem("detacheer")


def test_a_first_name_counts_as_written_and_not_in_capitals():
    analyzer = Analyzer(
        [["hogeschool"]], [], keys=["school"], foreign=[("!person", ["hans"])], first_names=["hans"]
    )
    assert [hit.key for hit in analyzer.concepts("is Hans er vandaag?")] == ["!person"]
    assert analyzer.concepts("een convenant met de HAN") == []  # an abbreviation
    assert analyzer.concepts("de han van de pan") == []  # not the name as written


def test_a_place_name_inside_a_sentence_is_no_compound():
    analyzer = Analyzer([["borg"], ["regeling"]], ["archief"], keys=["borg", "regeling"])
    assert analyzer.concepts("we starten een aanpak in Lewenborg", typed=True) == []
    assert [hit.key for hit in analyzer.concepts("een lewenborg", typed=True)] == ["borg"]
    [law] = analyzer.concepts("volgens de Archiefregeling", typed=True)
    assert law.key == "regeling"
    assert [hit.key for hit in analyzer.concepts("aanpak in Lewenborg")] == ["borg"]  # content


def test_a_name_the_content_does_not_use_is_no_word_of_the_question():
    analyzer = Analyzer([["huisvesting", "pand"]], ["samen"], keys=["huisvesting"])
    terms = analyzer.terms("we gaan samen in een pand op het Science Park", typed=True)
    assert "park" not in terms and "scienc" not in terms  # not the car park of an example
    assert "name:park" in terms  # still a word of the text that the content does not know
    assert "park" in analyzer.terms("waar kan ik mijn auto park", typed=True)  # no name here
    assert "park" in analyzer.terms("het Science Park")  # the content's own text


def test_a_diminutive_and_its_plural_name_the_same_concept():
    analyzer = Analyzer([["pasjes"]], [], keys=["pas"])
    assert [hit.key for hit in analyzer.concepts("ze krijgen een pasje")] == ["pas"]
    assert light_stem("pasje") == light_stem("pasjes")


def test_documents_are_no_piece_of_land():
    analyzer = Analyzer([["stukken"]], [], keys=["documenten"])
    assert [hit.key for hit in analyzer.concepts("de stukken voor de raad")] == ["documenten"]
    assert analyzer.concepts("een stuk gemeentegrond") == []


def test_the_concept_of_a_compounds_first_part_weighs_less_than_of_its_last():
    analyzer = Analyzer(
        [["tekort"], ["belasting"]], ["exploitatie", "kantoor"], keys=["tekort", "belasting"]
    )
    tail = analyzer.terms("exploitatietekort")["=tekort"]
    head = analyzer.terms("belastingkantoor")["=belasting"]
    assert head < tail


def test_a_tail_is_never_cut_off_a_verbal_prefix():
    analyzer = Analyzer([["lening"]], ["vergunning"], keys=["lening"])
    assert analyzer.concepts("de vergunningverlening van de regio") == []
    assert "lening" not in analyzer.terms("vergunningverlening")
    [hit] = analyzer.concepts("een achtergestelde geldlening")
    assert (hit.key, hit.tail) == ("lening", True)


def test_a_foreign_concept_is_found_but_never_repaired_into():
    analyzer = Analyzer(
        [["lening"]], ["gestart", "project"], keys=["lening"], foreign=[("!pay", ["gestort"])]
    )
    assert [hit.key for hit in analyzer.concepts("het salaris is gestort")] == ["!pay"]
    terms, hits = analyzer.analyse("het project is gestrat", repair_typos=True)
    assert (terms, hits) == analyzer.analyse("het project is gestart")
    assert analyzer.analyse("gestortt", repair_typos=True)[1] == []  # nor repaired itself


def test_a_separable_verb_is_read_with_the_particle_that_ends_its_clause():
    analyzer = Analyzer([["bijdrage", "inleggen"]], ["wie meedoet"], keys=["bijdrage"])
    [hit] = analyzer.concepts("Hoeveel leggen wij in, en is dat elk jaar?")
    assert (hit.key, hit.words, hit.position) == ("bijdrage", "leggen", 1)
    assert "meedoet" in analyzer.terms("wie doet er echt mee en wie niet")  # "doet": a stop word


def test_a_separable_verb_is_read_before_its_object_and_as_its_infinitive():
    analyzer = Analyzer([["bijdrage", "bijdragen"]], [], keys=["bijdrage"])
    [hit] = analyzer.concepts("Hoeveel draagt de gemeente bij aan het fonds?")
    assert (hit.key, hit.words) == ("bijdrage", "draagt")
    asked = Analyzer([["aanvraag", "aanvragen"]], [], keys=["aanvraag"])
    [hit] = asked.concepts("hoe vraag ik een budget aan bij de provincie")
    assert (hit.key, hit.words) == ("aanvraag", "vraag")


def test_a_particle_inside_its_clause_or_that_makes_no_known_word_joins_nothing():
    analyzer = Analyzer([["bijdrage", "inleggen"]], ["kaart"], keys=["bijdrage"])
    assert analyzer.concepts("we leggen het in kaart") == []  # "in" is a preposition here
    assert analyzer.concepts("we leggen het. Ze lachen het in") == []  # "inlachen": no word
    assert analyzer.concepts("we leggen het, en ook dat, in") == []  # not in the same clause
    assert analyzer.terms("wij lachen mee") == analyzer.terms("wij lachen")


def test_a_verb_form_the_content_does_not_use_is_read_as_its_infinitive_not_a_look_alike():
    analyzer = Analyzer([], ["archiveren", "architect", "betalen", "beslissen", "legen"])
    assert analyzer.terms("wie archiveert", repair_typos=True) == analyzer.terms("archiveren")
    assert analyzer.terms("wie betaalt", repair_typos=True) == analyzer.terms("betalen")
    assert analyzer.terms("wie beslist", repair_typos=True) == analyzer.terms("beslissen")
    assert analyzer.terms("wie legt", repair_typos=True) == analyzer.terms("legt")  # too short


def test_a_real_word_the_content_does_not_use_is_not_repaired_into_a_look_alike():
    analyzer = Analyzer([], ["politiek", "samenwerking"], real_words=lambda: {"politie"})
    assert analyzer.terms("politie", repair_typos=True) == analyzer.terms("politie")
    assert analyzer.terms("samenwerkng", repair_typos=True) == analyzer.terms("samenwerking")


def test_the_everyday_words_are_dutch_and_english_and_hold_no_typos():
    words = everyday_words()
    assert {"politie", "binnenstad", "verloopt", "talking", "provider"} <= words
    assert {"collegas", "clienten"} <= words  # as the analyzer reads "collega's", "cliënten"
    assert not {"samenwerkng", "gedetageerd", "provinsie"} & words


def test_the_everyday_words_are_read_once_also_when_asked_for_twice_at_the_same_time():
    lexicon._load.cache_clear()
    readers = [threading.Thread(target=everyday_words) for _ in range(2)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert lexicon._load.cache_info().misses == 1


def test_a_typo_close_to_two_words_is_read_as_the_one_it_starts_like():
    analyzer = Analyzer([], ["partners", "parties", "bijdrage", "bedrag"])
    assert analyzer.terms("partnes", repair_typos=True) == analyzer.terms("partners")
    assert analyzer.terms("bijdrag", repair_typos=True) == analyzer.terms("bijdrage")


def test_a_phrase_is_found_at_any_place_its_first_word_stands_and_only_whole():
    tokens = ["ons", "eigen", "budget", "voor", "ons", "team"]
    assert contains_any(tokens, (("mijn", "team"), ("ons", "team")))
    assert not contains_any(tokens, (("ons", "budget"), ("team", "ons"), ("ons", "team", "x")))
