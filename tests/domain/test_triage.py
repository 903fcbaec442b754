from __future__ import annotations

from dataclasses import replace

import pytest

import bot.domain.triage as triage_module
from bot.domain.content import load_content
from bot.domain.triage import (
    EVIDENCE_FIELDS,
    MIN_ITEM_SCORE,
    Evidence,
    TriageItem,
    Triager,
    importance,
)

SITUATION = (
    "We sluiten een convenant met drie partners over schuldhulp. De partners werken met "
    "klantgegevens van inwoners. De gemeente geeft een subsidie."
)


@pytest.fixture(scope="module")
def triager(fixture_content) -> Triager:
    return Triager(fixture_content)


def test_teams_come_with_the_words_of_the_text_that_call_for_them(triager):
    triage = triager.triage(SITUATION)
    assert [(call.code, call.why) for call in triage.experts] == [
        ("JUR", '"convenant" → JUR'),
        ("IBC", '"klantgegevens" → IBC'),
        ("FIN", '"subsidie" → FIN'),
    ]


def test_registration_names_the_flags_of_the_text_and_no_form_it_does_not_name(triager):
    triage = triager.triage(SITUATION)
    assert triage.registration.form is None
    assert triage.registration.flags == {"personal_data": True}
    named = triager.triage("We richten een GR op. Er gaat geen geld naar partners.")
    assert named.registration.form == "wgr"
    assert named.registration.flags == {"personal_data": False}


def test_what_the_text_says_is_not_involved_calls_for_no_team_and_sets_no_flag(triager):
    said = "We sluiten een convenant met drie partners over schuldhulp."
    data = triager.triage(f"{said} De partners werken met klantgegevens van inwoners.")
    none = triager.triage(f"{said} Er worden geen klantgegevens van inwoners gedeeld.")
    assert [call.triggers for call in data.experts if call.code == "IBC"] == [("klantgegevens",)]
    assert data.registration.flags == {"personal_data": True}
    assert not any(call.triggers for call in none.experts if call.code == "IBC")
    assert none.registration.flags == {"personal_data": False}
    later = triager.triage(f"{said} Er zijn nog geen afspraken over klantgegevens gemaakt.")
    assert later.registration.flags == {"personal_data": True}  # not there yet: still to do


def test_checklist_is_grouped_by_theme_with_the_themes_in_the_same_order(triager):
    triage = triager.triage(SITUATION)
    ids = [item.id for item in triage.checklist]
    assert {"jur-1", "jur-2"} & set(ids) and "inf-1" in ids
    themes = [item.theme for item in triage.checklist]
    assert themes == sorted(themes, key=[theme.key for theme in triage.themes].index)
    assert len(triage.checklist) <= 8


def test_as_dict_has_exactly_the_documented_shape(triager):
    data = triager.triage(SITUATION).as_dict()
    assert list(data) == ["query", "themes", "checklist", "experts", "registration"]
    assert set(data["themes"][0]) == {"key", "title"}
    assert set(data["checklist"][0]) == {"id", "theme", "question", "experts"}
    assert set(data["experts"][0]) == {"code", "why"}
    assert set(data["registration"]) == {"form", "flags"}


def test_a_text_without_subjects_gets_an_empty_triage(triager):
    triage = triager.triage("hoe laat is het")
    assert (triage.themes, triage.checklist, triage.experts) == ((), (), ())
    assert triage.registration.flags == {"personal_data": False}


def test_a_compound_calls_the_team_of_its_last_part_not_of_its_first(triager):
    calls = triager.triage("Er komt een samenwerkingscontract. We zetten een geldautomaat neer.")
    assert [(call.code, call.why) for call in calls.experts] == [
        ("JUR", '"samenwerkingscontract" → JUR')
    ]


def test_a_called_team_brings_its_own_best_item_when_it_matches_at_all(triager, monkeypatch):
    scores = {"jur-1": 0.5, "jur-2": 0.3, "inf-1": 0.21}
    chosen = ["jur-1", "jur-2"]
    triager._add_item_of_team("IBC", chosen, scores)
    assert chosen == ["jur-1", "jur-2", "inf-1"]
    monkeypatch.setattr("bot.domain.triage.MAX_ITEMS", 2)
    full = ["jur-1", "jur-2"]
    triager._add_item_of_team("IBC", full, scores)
    assert full == ["jur-1", "inf-1"]  # the weaker of JUR's two items makes room


def test_a_called_team_whose_items_hardly_match_adds_nothing(triager):
    chosen = ["jur-1"]
    triager._add_item_of_team("IBC", chosen, {"jur-1": 0.5, "inf-1": 0.1})
    triager._add_item_of_team("JUR", chosen, {"jur-1": 0.5, "jur-2": 0.4})
    assert chosen == ["jur-1"]


def test_a_concept_raises_the_items_it_implies(content_dir):
    text = "We sluiten een convenant met de partners. De gemeente geeft geld."
    before = {i.id: i.score for i in Triager(load_content(content_dir)).triage(text).checklist}
    thesaurus = content_dir / "thesaurus.yaml"
    source = thesaurus.read_text(encoding="utf-8")
    geld = "    words: [subsidie, lening, geld]\n    experts: [FIN]\n"
    thesaurus.write_text(source.replace(geld, geld + "    implies: [inf-1]\n"), encoding="utf-8")
    after = {i.id: i.score for i in Triager(load_content(content_dir)).triage(text).checklist}
    assert "inf-1" in after and after["inf-1"] > before.get("inf-1", 0.0)


def test_the_best_item_brings_its_team_when_no_word_called_for_it(triager):
    triage = triager.triage("Is het voordeel voor de partners staatssteun? Wat is staatssteun?")
    best = max(triage.checklist, key=lambda item: item.score)
    assert best.id == "jur-2"
    assert ("JUR", "Is er sprake van staatssteun? → JUR") in [
        (call.code, call.why) for call in triage.experts
    ]


def test_a_concept_that_only_sets_the_scene_raises_no_items_of_its_own(content_dir):
    themes = content_dir / "themes" / "juridisch.yaml"
    source = themes.read_text(encoding="utf-8")
    anchor = "    experts: [JUR, FIN]\n    phrasings:"
    themes.write_text(source.replace(anchor, "    concepts: [geld]\n" + anchor), encoding="utf-8")
    text = "De partners krijgen geld. We sluiten een convenant."

    def score(item_id: str) -> float:
        triage = Triager(load_content(content_dir)).triage(text)
        return next((item.score for item in triage.checklist if item.id == item_id), 0.0)

    raised = score("jur-2")
    thesaurus = content_dir / "thesaurus.yaml"
    geld = "    words: [subsidie, lening, geld]\n"
    text_before = thesaurus.read_text(encoding="utf-8")
    thesaurus.write_text(text_before.replace(geld, geld + "    setting: true\n"), encoding="utf-8")
    assert score("jur-2") < raised
    assert "FIN" in [call.code for call in Triager(load_content(content_dir)).triage(text).experts]


def test_the_general_team_is_involved_when_nothing_calls_for_a_team(content_dir):
    experts = content_dir / "experts.yaml"
    experts.write_text(
        experts.read_text(encoding="utf-8").replace("experts:\n", "general: FIN\nexperts:\n", 1),
        encoding="utf-8",
    )
    triager = Triager(load_content(content_dir))
    quiet = triager.triage("Welke processen zijn belangrijk? We werken samen met de buren.")
    assert quiet.checklist and [call.code for call in quiet.experts] == ["FIN"]
    assert quiet.experts[0].why == triager.content.messages.say("situation_why_general")
    # a text that calls for teams names them only; one about nothing names none
    called = [call.code for call in triager.triage(SITUATION).experts]
    assert called == ["JUR", "IBC", "FIN"]
    assert triager.triage("hoe laat is het").experts == ()


def test_the_team_for_agreements_comes_along_when_the_text_calls_for_enough_teams(
    content_dir, monkeypatch
):
    text = "De partners werken met klantgegevens van inwoners. De gemeente geeft een subsidie."
    monkeypatch.setattr(triage_module, "TOP_ITEM_SCORE", 1.0)  # no team through its best item
    experts = content_dir / "experts.yaml"
    source = experts.read_text(encoding="utf-8")

    def teams(rule: str) -> list[tuple[str, str]]:
        experts.write_text(source.replace("experts:\n", rule + "experts:\n", 1), "utf-8")
        triage = Triager(load_content(content_dir)).triage(text)
        return [(call.code, call.why) for call in triage.experts]

    why = load_content(content_dir).messages.say("situation_why_agreements")
    rule = "agreements:\n  team: JUR\n  when: [FIN, IBC]\n"
    called = [("IBC", '"klantgegevens" → IBC'), ("FIN", '"subsidie" → FIN')]
    assert teams(rule) == [*called, ("JUR", why)]
    assert [code for code, _ in teams(rule + "  at_least: 3\n")] == ["IBC", "FIN"]
    assert [code for code, _ in teams("")] == ["IBC", "FIN"]


def test_the_best_item_of_a_theme_lifts_the_others_of_that_theme(triager):
    evidence = triager.evidence("Is het voordeel voor de partners staatssteun? Wat is staatssteun?")
    best = evidence["jur-2"]
    assert best.whole_rank == 1.0
    assert evidence["jur-1"].theme == max(best.whole, best.sentence) == best.theme
    unlifted = replace(evidence["jur-1"], theme=0.0)
    assert importance(evidence["jur-1"]) > importance(unlifted)


def test_sentences_count_apart_only_in_a_text_of_several(triager):
    one = triager.evidence("Is het voordeel voor de partners staatssteun?")
    assert one["jur-2"].whole > 0 and one["jur-2"].sentence == 0.0
    two = triager.evidence("We werken samen met de buren. Is het voordeel staatssteun?")
    assert two["jur-2"].sentence > 0 and two["jur-2"].sentence_rank == 1.0


def test_every_kind_of_evidence_makes_an_item_more_important():
    for name in EVIDENCE_FIELDS:
        assert importance(replace(Evidence(), **{name: 1.0})) > importance(Evidence()), name
    assert 0.0 < importance(Evidence()) < MIN_ITEM_SCORE  # no evidence: not named


def test_an_item_for_every_partnership_comes_along_when_the_text_is_about_one(content_dir):
    text = "Partners verwerken klantgegevens van inwoners. Wie mag daarbij?"
    assert "jur-1" not in [
        item.id for item in Triager(load_content(content_dir)).triage(text).checklist
    ]
    themes = content_dir / "themes" / "juridisch.yaml"
    anchor = "    experts: [JUR]\n    phrasings:"
    source = themes.read_text(encoding="utf-8")
    themes.write_text(source.replace(anchor, "    general: true\n" + anchor, 1), encoding="utf-8")
    triager = Triager(load_content(content_dir))
    scores = {item.id: item.score for item in triager.triage(text).checklist}
    assert "jur-1" in scores and triager.evidence(text)["jur-1"].general == 1.0
    assert scores["inf-1"] > scores["jur-1"]  # what the text is about still comes first
    assert triager.triage("hoe laat is het").checklist == ()  # about no partnership: nothing


def test_only_items_the_text_itself_matches_bring_their_team_and_no_general_one(content_dir):
    themes = content_dir / "themes" / "juridisch.yaml"
    anchor = "    experts: [JUR]\n    phrasings:"
    source = themes.read_text(encoding="utf-8")
    themes.write_text(source.replace(anchor, "    general: true\n" + anchor, 1), encoding="utf-8")
    triager = Triager(load_content(content_dir))

    def item(item_id: str, team: str, score: float, match: float) -> TriageItem:
        return TriageItem(item_id, "", "", (team,), score, match)

    best = (item("jur-1", "JUR", 0.9, 0.9), item("inf-1", "IBC", 0.5, 0.5))
    assert [call.code for call in triager._teams_of_top_items(best, (), [])] == ["IBC"]
    related_only = (item("inf-1", "IBC", 0.5, 0.1),)  # important, but hardly matched
    assert triager._teams_of_top_items(related_only, (), []) == ()
