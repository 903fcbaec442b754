"""The shipped content validates, is complete, and the matcher answers it well."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.content import Content, load_content
from bot.domain.dutch import normalize
from bot.domain.evaluation import Prediction, evaluate, load_labelled_set
from bot.domain.matcher import Matcher

DEV_SET = Path(__file__).parents[1] / "data" / "dev.yaml"
QUESTIONS_PER_THEME = {  # as many as the guide lists under "Welke vragen staan centraal?"
    "bestuur": 7,
    "capaciteit": 13,
    "financien": 7,
    "lobby": 8,
    "juridisch": 8,
    "communicatie": 6,
    "partners": 8,
    "informatievoorziening": 6,
}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="module")
def matcher(content) -> Matcher:
    return Matcher(content)


def test_every_theme_of_the_guide_has_all_its_checklist_questions(content):
    counts = {theme.key: len(theme.items) for theme in content.themes}
    assert counts == QUESTIONS_PER_THEME
    for theme in content.themes:
        prefix = theme.items[0].id.split("-")[0]
        assert [item.id for item in theme.items] == [
            f"{prefix}-{n}" for n in range(1, len(theme.items) + 1)
        ]


def test_only_the_capacity_theme_has_the_guides_parts(content):
    for theme in content.themes:
        if theme.key != "capaciteit":
            assert {item.part for item in theme.items} == {None}
    capacity = next(theme for theme in content.themes if theme.key == "capaciteit")
    assert {item.part for item in capacity.items} == {
        None,
        "Personeel en organisatie",
        "Fysiek en digitaal samenwerken",
    }


def test_phrasings_do_not_just_repeat_the_question(content):
    for item in content.items.values():
        assert len(item.phrasings) >= 5
        assert normalize(item.question) not in {normalize(text) for text in item.phrasings}


def test_expert_teams_of_the_guide_exist_with_placeholder_contacts(content):
    assert set(content.experts) == {
        "JUR", "IBC", "P&O", "COM", "FIN", "INK", "FAC", "IT", "LOB", "GOV"
    }  # fmt: skip
    assert all(expert.contact.placeholder for expert in content.experts.values())


def test_frameworks_have_their_phases_perspectives_and_principles(content):
    frameworks = {framework.id: framework for framework in content.frameworks}
    phases = [section.title for section in frameworks["fasenmodel"].sections]
    assert phases == ["Verkennen", "Onderzoeken", "Organiseren", "Inrichten", "Uitvoeren"]
    appraisal = frameworks["waarderingskader"]
    assert appraisal.phases == [
        "Overwegen en analyseren",
        "Onderhandelen",
        "Implementeren",
        "Institutionaliseren",
        "Evalueren",
    ]
    perspectives = [s.group for s in appraisal.sections if s.id.count("-") == 2]
    assert sorted({p: perspectives.count(p) for p in perspectives}.values()) == [3, 3, 3, 5]
    cycle = [s.id for s in frameworks["governancecyclus"].sections]
    assert cycle[:4] == [
        "cyclus-richten",
        "cyclus-inrichten",
        "cyclus-verrichten",
        "cyclus-evalueren",
    ]
    principles = [s.id for s in frameworks["principes"].sections]
    assert principles == [f"principe-{part}{n}" for part in "ab" for n in range(1, 13)]


@pytest.mark.parametrize(
    ("question", "expected", "main_expert"),
    [
        ("staatsteun", "jur-2", "JUR"),
        ("verwerkersovereenkomt", "inf-6", "IBC"),
        ("archiefwet", "inf-2", "IBC"),
        ("wat is de rol van de OR hierbij", "cap-8", "P&O"),
        ("Do we need a data processing agreement with the partner?", "inf-6", "IBC"),
        ("in welke fase zit ik", "fasenmodel", "GOV"),
        ("waarderingskader", "waarderingskader", "GOV"),
        ("principe democratische legitimatie", "principe-a7", "GOV"),
        ("wie is IBC", "IBC", "IBC"),
    ],
)
def test_examples_from_the_issue_are_answered(matcher, question, expected, main_expert):
    result = matcher.match(question)
    assert result.decision == "answer"
    assert (result.matches[0].entry.id, result.matches[0].entry.experts[0]) == (
        expected,
        main_expert,
    )


@pytest.mark.parametrize(
    "question",
    [
        "wat eten we vanavond",
        "mijn wachtwoord resetten",
        "ik wil verlof aanvragen",
        "wordt het mooi weer",
    ],
)
def test_lunch_passwords_leave_and_weather_are_declined(matcher, question):
    assert matcher.match(question).decision == "out_of_scope"


def test_dev_set_quality_does_not_regress(matcher):
    """A floor under the figures `python -m bot eval tests/data/dev.yaml` reports."""
    questions = load_labelled_set(DEV_SET, (entry.id for entry in matcher.entries))

    def rank(query: str) -> Prediction:
        result = matcher.match(query)
        ids = tuple(
            (m.entry.id, m.entry.experts[0] if m.entry.experts else None) for m in result.matches
        )
        return Prediction(result.decision, ids)

    report = evaluate(questions, rank)
    assert len(questions) >= 150
    assert report.out_of_scope_recall.total >= 20
    assert report.top1.rate is not None and report.top1.rate >= 0.82
    assert report.top3.rate is not None and report.top3.rate >= 0.92
    assert report.out_of_scope_recall.rate is not None and report.out_of_scope_recall.rate >= 0.85
    assert report.false_rejection.rate is not None and report.false_rejection.rate <= 0.05
    assert report.expert.rate is not None and report.expert.rate >= 0.90
