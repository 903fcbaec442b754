from __future__ import annotations

import math
from pathlib import Path

import pytest

from bot.domain.content import load_content
from bot.domain.matcher import Matcher, Tuning


@pytest.fixture(scope="module")
def matcher(fixture_content) -> Matcher:
    return Matcher(fixture_content)


def _add_out_of_scope(content_dir: Path, yaml_text: str) -> None:
    with (content_dir / "out_of_scope.yaml").open("a", encoding="utf-8") as file:
        file.write(yaml_text)


def _before_and_after(content_dir: Path, yaml_text: str) -> tuple[Matcher, Matcher]:
    """A matcher on the content as it is, and one after out_of_scope.yaml gained the text."""
    before = Matcher(load_content(content_dir))
    _add_out_of_scope(content_dir, yaml_text)
    return before, Matcher(load_content(content_dir))


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


@pytest.mark.parametrize(
    ("query", "kind"), [("hallo", "greeting"), ("dank je wel", "thanks"), ("👍", "acknowledgement")]
)
def test_small_talk_is_no_question(matcher, query, kind):
    result = matcher.match(query)
    assert (result.decision, result.smalltalk, result.options, result.team) == (
        "smalltalk",
        kind,
        (),
        None,
    )


def test_a_declined_question_carries_the_referral_of_its_example(matcher):
    result = matcher.match("ik wil een vergaderruimte boeken voor de stuurgroep")
    assert (result.decision, result.referral) == (
        "out_of_scope",
        "Reserveer een ruimte via intranet.",
    )
    assert matcher.match("ik ben mijn wachtwoord vergeten").referral is None


def test_a_first_person_question_far_closer_to_the_guide_than_to_any_example_is_work(
    fixture_content,
):
    """ "ik" without "we" raises the bar (one's own affairs), unless an in-scope phrasing fits
    the text far better than every out-of-scope example does."""
    work, own = "ik moet een convenant afsluiten", "hoeveel vakantiedagen heb ik nog"

    def decision(query: str, margin: float) -> str:
        tuning = Tuning(personal_min_score=0.99, personal_margin=margin)
        return Matcher(fixture_content, tuning).match(query).decision

    assert decision(work, margin=0.0) == "answer"
    assert decision(work, margin=1.0) == "out_of_scope"
    assert decision(own, margin=0.0) == "out_of_scope"


def test_an_answer_names_its_main_team(matcher):
    assert matcher.match("staatssteun").team == "JUR"


def test_a_described_partnership_with_several_subjects_is_a_situation(matcher):
    text = (
        "We sluiten een convenant met drie partners over schuldhulp in de regio. De partners "
        "werken met klantgegevens van inwoners. Wie moet ik erbij halen?"
    )
    result = matcher.match(text)
    assert result.decision == "situation"
    assert result.matches and result.options == result.matches[:3]
    assert matcher.match("moeten we een contract sluiten met de partner").decision == "answer"


def test_clarify_names_the_team_that_most_likely_knows(fixture_content):
    matcher = Matcher(fixture_content, Tuning(clarify_ratio=0.0, confident_score=1.1))
    result = matcher.match("overeenkomst")
    assert result.decision == "clarify"
    assert result.team == "JUR"


def test_a_team_card_wins_only_when_a_team_is_asked_for(matcher):
    assert matcher.match("contact jur").matches[0].entry.kind == "expert"


def test_a_word_said_again_and_again_counts_sublinearly(matcher):
    once, _ = matcher._query_vector({"contract": 1.0})
    thrice, _ = matcher._query_vector({"contract": 3.0})
    assert thrice["contract"] == pytest.approx(once["contract"] * (1 + math.log(3)))


def test_a_text_nearly_all_held_by_a_title_lifts_that_entry_a_longer_one_does_not(fixture_content):
    plain = Matcher(fixture_content, Tuning(title_weight=1.0))
    lifting = Matcher(fixture_content)
    short = "staatssteun"
    assert lifting.match(short).matches[0].entry.id == "jur-2"
    assert lifting.match(short).matches[0].score == pytest.approx(
        plain.match(short).matches[0].score * Tuning().title_weight
    )
    long = "is er sprake van staatssteun als de gemeente de stichting geld geeft"
    assert lifting.match(long).matches[0].score == pytest.approx(plain.match(long).matches[0].score)


def test_sentences_that_only_set_the_scene_count_less_than_the_question(matcher):
    scene, question = "Wij geven de stichting subsidie.", "Is er een overeenkomst nodig?"
    text = f"{scene} {question}"
    terms = matcher._question_first(text, matcher.analyzer.terms(text))
    weight = Tuning().scene_weight
    assert terms["subsidie"] == pytest.approx(weight * matcher.analyzer.terms(scene)["subsidie"])
    assert terms["overeenkomst"] == pytest.approx(matcher.analyzer.terms(question)["overeenkomst"])


@pytest.mark.parametrize(
    "text",
    ["Wij geven subsidie. Er komt een overeenkomst.", "Subsidie? Overeenkomst?", "subsidie?"],
)
def test_a_text_that_asks_in_no_sentence_or_in_all_is_weighed_as_a_whole(matcher, text):
    terms = matcher.analyzer.terms(text)
    assert matcher._question_first(text, terms) == terms


def test_an_everyday_topic_lets_an_example_decline_what_it_does_not_literally_say(content_dir):
    question = "zaaltje reserveren voor het convenant"
    before, matcher = _before_and_after(
        content_dir, "topics:\n  - key: rooms\n    words: [vergaderruimte, zaaltje, reserveren]\n"
    )
    assert before.match(question).decision == "answer"
    result = matcher.match(question)
    assert result.decision == "out_of_scope"
    assert result.referral == "Reserveer een ruimte via intranet."
    # two domain concepts do not shield an everyday errand ("lunch voor het AB van de GR") ...
    assert matcher.match("zaaltje reserveren voor het convenant over de subsidie").referral
    # ... but a question about the partnership itself is answered
    in_scope = matcher.match(
        "vergaderruimte voor de samenwerking: mag de subsidie in het convenant?"
    )
    assert in_scope.decision == "answer" and in_scope.options[0].entry.id == "jur-1"


def test_an_everyday_topic_points_the_way_when_no_example_does(content_dir):
    _add_out_of_scope(
        content_dir,
        "topics:\n  - key: pay\n    words: [loonstrook]\n"
        "    refer: Je loonstrook staat in de personeelsportal.\n",
    )
    matcher = Matcher(load_content(content_dir))
    result = matcher.match("waar vind ik mijn loonstrook")
    assert (result.decision, result.referral) == (
        "out_of_scope",
        "Je loonstrook staat in de personeelsportal.",
    )
    assert matcher.match("ik wil een vergaderruimte boeken voor de stuurgroep").referral == (
        "Reserveer een ruimte via intranet."
    )


def test_a_partnership_scene_that_asks_about_something_else_is_declined(content_dir):
    scene = (
        "We sluiten een convenant met drie partners over schuldhulp. De partners werken met "
        "klantgegevens van inwoners. De gemeente geeft een subsidie."
    )
    _add_out_of_scope(
        content_dir,
        "topics:\n  - key: spreadsheets\n    words: [draaitabel]\n"
        "    refer: Voor hulp bij Excel kun je bij de servicedesk terecht.\n"
        "  - key: mishaps\n    words: [per ongeluk]\n"
        "requests:\n  commands: [vat samen]\n",
    )
    matcher = Matcher(load_content(content_dir))
    assert matcher.match(scene).decision == "situation"
    assert matcher.match("Vat samen: " + scene).decision == "out_of_scope"  # a request
    mishap = (
        "Ik heb per ongeluk klantgegevens van inwoners gemaild naar een bedrijf met een "
        "convenant en een subsidie van de gemeente. Wat moet ik nu doen?"
    )
    assert matcher.match(mishap).decision == "out_of_scope"  # one's own affairs
    declined = matcher.match(scene + " Hoe maak ik een draaitabel?")
    assert (declined.decision, declined.referral) == (
        "out_of_scope",
        "Voor hulp bij Excel kun je bij de servicedesk terecht.",
    )
    # an everyday word in the scene does not decline what is asked about the partnership
    asked = matcher.match("Ik maak een draaitabel van de kosten. Moeten we een contract tekenen?")
    assert asked.decision == "answer" and asked.options[0].entry.id == "jur-1"


@pytest.mark.parametrize(("strong", "declined"), [(False, False), (True, True)])
def test_a_strong_topic_is_declined_even_about_the_partnership(content_dir, strong, declined):
    _add_out_of_scope(
        content_dir,
        "topics:\n  - key: writing\n    words: [powerpoint]\n"
        f"    strong: {str(strong).lower()}\n",
    )
    result = Matcher(load_content(content_dir)).match(
        "maak een powerpoint over het convenant van de samenwerking"
    )
    assert (result.decision == "out_of_scope") == declined


def test_a_request_to_do_something_is_declined_unless_it_matches_a_question_well(content_dir):
    request = "schrijf een tekst over het convenant van de samenwerking"
    before, matcher = _before_and_after(
        content_dir, "requests:\n  commands: [schrijf]\n  openers: [kun je]\n  verbs: [schrijven]\n"
    )
    assert before.match(request).decision == "answer"
    assert matcher.match(request).decision == "out_of_scope"
    assert matcher.match("kun je een tekst schrijven over het convenant").decision == "out_of_scope"
    # a request that is nearly a question of the guide is answered
    assert matcher.match("schrijf op: is er een overeenkomst nodig?").decision == "answer"
    # typed in the compose box, a message is no request yet
    assert matcher.match(request, as_typed=True).decision != "out_of_scope"


def test_a_question_about_a_named_colleague_is_declined_with_where_to_find_them(content_dir):
    question = "mailadres van Bakker voor het convenant?"
    before, after = _before_and_after(
        content_dir,
        "people:\n  context: [mailadres]\n  refer: Zoek collega's in het smoelenboek.\n",
    )
    assert before.match(question).decision == "answer"
    result = after.match(question)
    assert (result.decision, result.referral) == (
        "out_of_scope",
        "Zoek collega's in het smoelenboek.",
    )


def test_a_question_about_the_own_business_is_declined_unless_it_names_a_partner(content_dir):
    question = "is er een overeenkomst nodig voor de schoonmaak van het stadhuis"
    before, after = _before_and_after(
        content_dir,
        "own_business:\n  markers: [stadhuis]\n  partners: [gemeenschappelijke-regeling]\n"
        "  partner_words: [samen]\n  before_names: [met]\n"
        "  refer: Vraag het team dat erover gaat.\n",
    )
    assert before.match(question).decision == "answer"
    result = after.match(question)
    assert (result.decision, result.referral) == ("out_of_scope", "Vraag het team dat erover gaat.")
    for partner in (" met de GR", " samen met ons", " met Goirle"):
        named = after.match(question + partner)
        assert named.decision == "answer" and named.options[0].entry.id == "jur-1", partner
    # a question that fits the guide as well as an everyday subject must is still answered
    assert after.match("moeten we een contract tekenen voor het stadhuis").decision == "answer"


def test_an_entry_with_two_fitting_phrasings_beats_one_with_a_single_equal_fit(content_dir):
    """The best phrasing decides most, the runner-up the rest: of two items that both have
    the text as a phrasing, the one whose other phrasings also fit comes first."""
    lines = ["version: 1", "key: proef", "title: Proef", "why: Proef.", "source: Test", "items:"]
    for item_id, question, second in (
        ("prf-1", "Wie beheert het gezamenlijke fonds?", "kwartaalcijfers delen met de partners"),
        ("prf-2", "Wie tekent de aanvraag namens de gemeente?", "handtekening onder het verzoek"),
    ):
        lines += [
            f"  - id: {item_id}",
            f"    question: {question}",
            "    explanation: Proef.",
            "    experts: [JUR]",
            "    phrasings:",
            "      - kwartaalcijfers van het regiofonds",
            f"      - {second}",
            *(f"      - {word} {item_id}" for word in ("alfa", "bravo", "charlie")),
            "    rules:",
            "      - when: [nee]",
            "        involve: [JUR]",
            "        why: Proef.",
        ]
    (content_dir / "themes" / "proef.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    content = load_content(content_dir)
    query = "kwartaalcijfers van het regiofonds"

    def scores(tuning: Tuning) -> dict[str, float]:
        matches = Matcher(content, tuning).match(query).matches
        return {match.entry.id: match.score for match in matches}

    both = scores(Tuning(whole_entry_share=0.0))
    assert both["prf-1"] > both["prf-2"]
    best_only = scores(Tuning(whole_entry_share=0.0, second_phrasing_weight=0.0))
    assert best_only["prf-1"] == pytest.approx(best_only["prf-2"])
