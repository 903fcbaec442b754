"""content/appraisal.yaml: complete, readable on a phone, and every reference checked at load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.domain.appraisal_content import RATINGS, AppraisalFile
from bot.domain.content import DEFAULT_ROOT, ContentError, load_content

BUTTON_LIMIT = 30


@pytest.fixture(scope="module")
def appraisal() -> AppraisalFile:
    loaded = load_content().appraisal
    assert loaded is not None
    return loaded


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_ROOT, target)
    return target


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return [str(issue) for issue in caught.value.issues]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_cell_of_the_three_by_three_grid_has_its_questions(appraisal):
    keys = [cell.key for cell in appraisal.ordered_cells()]
    assert keys == [
        f"{p}.{r}"
        for p in ("gemeente", "partners", "context")
        for r in ("ambitie", "capaciteit", "governance")
    ]
    for cell in appraisal.cells:
        assert len(cell.questions) >= 3, cell.key
        assert all(question.endswith("?") for question in cell.questions), cell.key
        assert cell.topics and cell.themes and cell.experts and cell.checklist, cell.key


def test_every_cell_points_at_its_own_section_of_the_framework(appraisal):
    framework = next(f for f in load_content().frameworks if f.id == appraisal.framework)
    groups = {section.id: section.group for section in framework.sections}
    titles = {p.key: p.title for p in appraisal.perspectives}
    for cell in appraisal.cells:
        group = groups[cell.source]
        assert group is not None and group.split()[0] in titles[cell.perspective], cell.key


def test_every_rating_has_its_word_and_its_own_colour(appraisal):
    assert [rating.key for rating in appraisal.ratings] == list(RATINGS)
    words = [rating.word for rating in appraisal.ratings]
    assert words == ["Sterk", "Voldoende", "Aandacht nodig", "Zorgelijk", "Weet ik niet"]
    colours = [rating.colour for rating in appraisal.ratings]
    assert len(set(colours)) == len(colours)
    scores = [rating.score for rating in appraisal.ratings]
    assert scores == [4, 3, 2, 1, None]


def test_every_answer_fits_on_a_button(appraisal):
    content = load_content()
    labels = [
        *(rating.word for rating in appraisal.ratings),
        appraisal.closing.waters.calm,
        appraisal.closing.waters.rough,
        *(kind.title for kind in appraisal.cooperation_kinds),
        *(p.label for p in content.register.phases),
    ]
    assert all(len(label) <= BUTTON_LIMIT for label in labels), labels


def test_the_five_next_steps_and_all_phases_are_there(appraisal):
    assert [step.key for step in appraisal.next_steps] == [
        "governance",
        "verantwoording",
        "conflict",
        "commitment",
        "legitimiteit",
    ]
    assert all(step.meaning.endswith(".") for step in appraisal.next_steps)
    register = load_content().register
    assert appraisal.phases == [phase.key for phase in register.phases]
    assert [kind.key for kind in appraisal.cooperation_kinds] == ["sturen", "zakelijk", "cocreatie"]


def test_content_without_an_appraisal_file_still_loads(content_copy):
    (content_copy / "appraisal.yaml").unlink()
    assert load_content(content_copy).appraisal is None


def test_an_unknown_key_is_reported_with_file_and_line(content_copy):
    path = content_copy / "appraisal.yaml"
    _replace(path, '    short: "Partners"', '    short: "Partners"\n    colour: good')
    [problem] = _problems(content_copy)
    line = path.read_text(encoding="utf-8").splitlines().index("    colour: good") + 1
    assert problem == f"content/appraisal.yaml:{line}: partners.colour: unknown key"


def test_references_to_checklist_teams_themes_and_sections_are_checked(content_copy):
    path = content_copy / "appraisal.yaml"
    _replace(path, "checklist: [bes-1, bes-3, bes-5]", "checklist: [bes-1, bes-99, bes-5]")
    _replace(path, "experts: [P&O, FIN]", "experts: [P&O, XX]")
    _replace(path, "source: wk-context-mandaten", "source: wk-nergens")
    _replace(path, "themes: [partners]", "themes: [sport]")
    _replace(path, "topics: [legitimiteit]", "topics: [geluk]")
    problems = _problems(content_copy)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "cells[0].checklist[1]: unknown checklist item 'bes-99'",
        "cells[1].experts[1]: unknown expert 'XX'",
        "cells[3].themes[0]: unknown theme 'sport'",
        "cells[6].topics[0]: unknown next step 'geluk'",
        "cells[8].source: unknown section 'wk-nergens'",
    ]
    assert all(p.startswith("content/appraisal.yaml:") for p in problems)


def test_a_missing_cell_and_rating_and_phase_are_reported(content_copy):
    path = content_copy / "appraisal.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - perspective: context\n    row: governance")
    end = text.index("ratings:")
    text = text[:start] + text[end:]
    rating = text.index("  - key: onbekend")
    text = text[:rating] + text[text.index("closing:") :]
    text = text.replace("phases: [overwegen, onderhandelen,", "phases: [onderhandelen,")
    path.write_text(text, encoding="utf-8")
    messages = [p.split(": ", 1)[1] for p in _problems(content_copy)]
    assert "cells: cell 'context.governance' is missing" in messages
    assert "phases: phase 'overwegen' of the register is missing" in messages
    assert "ratings: rating 'onbekend' is missing" in messages


def test_the_register_knows_the_three_levels_of_importance():
    levels = load_content().register.importance_levels
    assert [(level.key, level.label) for level in levels] == [
        ("zeer_belangrijk", "Politiek zeer belangrijk"),
        ("belangrijk", "Politiek belangrijk"),
        ("regulier", "Regulier"),
    ]


def test_a_duplicate_importance_level_is_reported(content_copy):
    _replace(content_copy / "register.yaml", "  - key: regulier", "  - key: belangrijk")
    [problem] = _problems(content_copy)
    assert problem.startswith("content/register.yaml:")
    assert problem.endswith("duplicate key 'belangrijk'")
