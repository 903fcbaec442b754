"""Appraisal logic on the shipped appraisal content: typed answers, trend, weakest cells, next
steps, phases, moments."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime

import pytest

from bot.domain.appraisal import (
    Appraisal,
    CellRating,
    complete_ratings,
    completes_moment,
    outcome,
    parse_choice,
    parse_rating,
    parse_waters,
    parse_yes_no,
    phase_moves_back,
    rating_words,
    trend,
    weakest_cells,
)
from bot.domain.appraisal_content import AppraisalFile
from bot.domain.content import load_content

CELLS = [
    f"{p}.{r}"
    for p in ("gemeente", "partners", "context")
    for r in ("ambitie", "capaciteit", "governance")
]


@pytest.fixture(scope="module")
def file() -> AppraisalFile:
    return _shipped()


def _ratings(*ratings: str) -> tuple[CellRating, ...]:
    given = dict(zip(CELLS, [(r, None) for r in ratings], strict=False))
    return complete_ratings(given, _shipped())


@functools.cache
def _shipped() -> AppraisalFile:
    appraisal = load_content().appraisal
    assert appraisal is not None
    return appraisal


def _appraisal(ratings: tuple[CellRating, ...]) -> Appraisal:
    return Appraisal(
        None, 1, "X", "u", datetime(2026, 11, 23, tzinfo=UTC), None, ratings,
        None, None, None, None, (),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sterk", ("sterk", None)),
        ("Voldoende.", ("voldoende", None)),
        (
            "aandacht, de bijdrage is nog onduidelijk",
            ("aandacht", "de bijdrage is nog onduidelijk"),
        ),
        ("Aandacht nodig: geen budget", ("aandacht", "geen budget")),
        ("zorg", ("zorg", None)),
        ("zorgelijk - de governance wringt", ("zorg", "de governance wringt")),
        ("weet niet", ("onbekend", None)),
        ("Weet ik niet, nog te vroeg", ("onbekend", "nog te vroeg")),
        ("we hebben nog geen raadsbesluit", (None, "we hebben nog geen raadsbesluit")),
        ("", (None, None)),
    ],
)
def test_a_typed_rating_may_carry_a_note(file, typed, expected):
    assert parse_rating(typed, rating_words(file)) == expected


def test_closing_answers_are_read_from_words_numbers_and_labels():
    phases = [("overwegen", "Overwegen en analyseren"), ("onderhandelen", "Onderhandelen")]
    assert parse_choice("overwegen", phases) == "overwegen"
    assert parse_choice("2", phases) == "onderhandelen"
    assert parse_choice("Onderhandelen", phases) == "onderhandelen"
    assert parse_choice("analyseren", phases) == "overwegen"
    assert parse_choice("en", phases) is None  # too short to pick by a word of the label
    assert parse_choice("3", phases) is None and parse_choice("lunch", phases) is None
    assert (parse_waters("onrustig"), parse_waters("Rustig vaarwater")) == ("onrustig", "rustig")
    assert parse_waters("best spannend") is None
    assert (parse_yes_no("ja, zeker"), parse_yes_no("Nee"), parse_yes_no("misschien")) == (
        True,
        False,
        None,
    )


def test_missing_and_unknown_ratings_count_as_weet_ik_niet(file):
    given = {"gemeente.ambitie": ("sterk", "goed"), "partners.ambitie": ("prima", None)}
    ratings = complete_ratings(given, file)
    assert [r.cell for r in ratings] == CELLS
    assert ratings[0] == CellRating("gemeente.ambitie", "sterk", "goed")
    assert {r.rating for r in ratings[1:]} == {"onbekend"}


def test_weakest_cells_are_zorgelijk_before_aandacht_then_in_question_order(file):
    ratings = _ratings(
        "aandacht", "sterk", "zorg", "voldoende", "aandacht", "zorg", "onbekend", "zorg", "sterk"
    )
    assert weakest_cells(ratings, file) == (
        "gemeente.governance",
        "partners.governance",
        "context.capaciteit",
    )
    assert weakest_cells(_ratings(*["voldoende"] * 9), file) == ()


def test_next_steps_follow_the_weakest_cells_and_rough_waters_add_conflict(file):
    governance = _ratings(
        "sterk", "sterk", "zorg", "sterk", "sterk", "zorg", "sterk", "sterk", "sterk"
    )
    calm = outcome(governance, "rustig", file)
    assert calm.weakest == ("gemeente.governance", "partners.governance")
    assert calm.next_steps[0] == "governance"
    assert set(calm.next_steps) == {"governance", "verantwoording", "conflict"}
    assert calm.checklist[:3] == ("bes-6", "jur-4", "cap-8")
    assert calm.themes == ("bestuur", "juridisch", "partners")
    assert calm.experts == ("GOV", "JUR")
    one_cell = _ratings("aandacht", *["sterk"] * 8)
    assert outcome(one_cell, "rustig", file).next_steps == ("legitimiteit", "commitment")
    assert outcome(one_cell, "onrustig", file).next_steps == (
        "legitimiteit",
        "conflict",  # as heavy as commitment; the framework's order decides
        "commitment",
    )
    all_good = outcome(_ratings(*["sterk"] * 9), "onrustig", file)
    assert (all_good.weakest, all_good.next_steps, all_good.themes) == ((), ("conflict",), ())


def test_trend_compares_each_cell_with_the_previous_appraisal(file):
    before = _appraisal(_ratings("zorg", "sterk", "voldoende", "onbekend"))
    now = _appraisal(_ratings("voldoende", "aandacht", "voldoende", "sterk"))
    trends = trend(now, before, file)
    assert [trends[cell] for cell in CELLS[:4]] == ["up", "down", "same", None]
    assert trends["context.governance"] is None  # 'weet ik niet' both times
    assert set(trend(now, None, file).values()) == {None}


def test_a_phase_moves_back_only_when_it_lies_before_the_registered_one(file):
    assert phase_moves_back("implementeren", "onderhandelen", file) is True
    assert phase_moves_back("implementeren", "evalueren", file) is False
    assert phase_moves_back("implementeren", "implementeren", file) is False
    assert phase_moves_back("onbekend", "overwegen", file) is False


def test_an_appraisal_completes_a_moment_that_is_overdue_or_near():
    today = date(2026, 11, 23)
    assert completes_moment(date(2026, 10, 1), today) is True
    assert completes_moment(date(2027, 1, 22), today) is True  # 60 days ahead
    assert completes_moment(date(2027, 1, 23), today) is False
    assert completes_moment(None, today) is False
