"""The appraisal's content (content/appraisal.yaml) as validated data, and its cross-checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from bot.domain.models import ChoiceKey, ExpertCode, Identifier, Strict, Text, Versioned

RatingKey = Literal["sterk", "voldoende", "aandacht", "zorg", "onbekend"]
# The ratings in order. Not named *_KEYS: that suffix declares keys of content/messages.yaml
# (tests/content/test_messages_in_code.py reads every *_KEYS declaration as such).
RATINGS: tuple[RatingKey, ...] = ("sterk", "voldoende", "aandacht", "zorg", "onbekend")
# Adaptive Cards' container styles (1.5): the colour of a rated cell.
Colour = Literal["default", "emphasis", "good", "attention", "warning", "accent"]
Location = tuple[str | int, ...]


class Opening(Strict):
    question: Text
    hint: Text | None = None
    source: Identifier


class Perspective(Strict):
    key: ChoiceKey
    title: Text
    short: Text


class Row(Strict):
    key: ChoiceKey
    title: Text


class Cell(Strict):
    perspective: ChoiceKey
    row: ChoiceKey
    title: Text
    source: Identifier  # a section id of the appraisal framework
    questions: list[Text] = Field(min_length=1)
    topics: list[ChoiceKey] = Field(min_length=1)  # next-step topics when this cell is weak
    checklist: list[Identifier] = []
    themes: list[Identifier] = []
    experts: list[ExpertCode] = []

    @property
    def key(self) -> str:
        """'gemeente.ambitie'."""
        return f"{self.perspective}.{self.row}"


class Rating(Strict):
    key: RatingKey
    word: Text
    colour: Colour
    score: int | None = Field(default=None, ge=1, le=9)  # None: no opinion ("weet ik niet")
    typed: list[Text] = Field(min_length=1)


class Question(Strict):
    question: Text
    hint: Text | None = None


class WatersQuestion(Question):
    calm: Text
    rough: Text
    rough_topics: list[ChoiceKey] = []


class Closing(Strict):
    waters: WatersQuestion
    own_change: Question
    phase: Question
    cooperation: Question


class CooperationKind(Strict):
    key: ChoiceKey
    title: Text
    meaning: Text


class NextStep(Strict):
    key: ChoiceKey
    title: Text
    meaning: Text
    source: Identifier


class AppraisalFile(Versioned):
    framework: Identifier
    opening: Opening
    perspectives: list[Perspective] = Field(min_length=1)
    rows: list[Row] = Field(min_length=1)
    cells: list[Cell] = Field(min_length=1)
    ratings: list[Rating] = Field(min_length=1)
    closing: Closing
    phases: list[ChoiceKey] = Field(min_length=1)  # register phase keys, in their order
    cooperation_kinds: list[CooperationKind] = Field(min_length=1)
    next_steps: list[NextStep] = Field(min_length=1)

    def cell(self, key: str) -> Cell:
        return next(cell for cell in self.cells if cell.key == key)

    def rating(self, key: str) -> Rating:
        return next(rating for rating in self.ratings if rating.key == key)

    def ordered_cells(self) -> list[Cell]:
        """Perspective by perspective, each top to bottom: the order of the questions."""
        rows = [row.key for row in self.rows]
        perspectives = [p.key for p in self.perspectives]
        return sorted(
            self.cells, key=lambda c: (perspectives.index(c.perspective), rows.index(c.row))
        )


def check_appraisal(
    model: AppraisalFile,
    *,
    frameworks: dict[str, set[str]],
    items: set[str],
    themes: set[str],
    experts: set[str],
    phases: set[str],
) -> Iterator[tuple[Location, str]]:
    """(location, message) for every broken reference or missing piece.

    `frameworks`: framework id -> its section ids; `phases`: the register's phase keys.
    """
    sections = frameworks.get(model.framework)
    if sections is None:
        yield ("framework",), f"unknown framework '{model.framework}'"
        sections = set()
    yield from _unique("perspectives", [p.key for p in model.perspectives])
    yield from _unique("rows", [r.key for r in model.rows])
    yield from _unique("ratings", [r.key for r in model.ratings])
    yield from _unique("cooperation_kinds", [k.key for k in model.cooperation_kinds])
    yield from _unique("next_steps", [s.key for s in model.next_steps])
    for key in RATINGS:
        if key not in {r.key for r in model.ratings}:
            yield ("ratings",), f"rating '{key}' is missing"
    typed: set[str] = set()
    for index, rating in enumerate(model.ratings):
        for n, word in enumerate(rating.typed):
            if word.lower() in typed:
                yield ("ratings", index, "typed", n), f"duplicate typed word '{word}'"
            typed.add(word.lower())
    if model.opening.source not in sections:
        yield ("opening", "source"), f"unknown section '{model.opening.source}'"
    perspectives = {p.key for p in model.perspectives}
    rows = {r.key for r in model.rows}
    steps = {s.key for s in model.next_steps}
    seen: set[str] = set()
    for index, cell in enumerate(model.cells):
        at: Location = ("cells", index)
        if cell.perspective not in perspectives:
            yield (*at, "perspective"), f"unknown perspective '{cell.perspective}'"
        if cell.row not in rows:
            yield (*at, "row"), f"unknown row '{cell.row}'"
        if cell.key in seen:
            yield at, f"duplicate cell '{cell.key}'"
        seen.add(cell.key)
        if cell.source not in sections:
            yield (*at, "source"), f"unknown section '{cell.source}'"
        for field, values, known, kind in (
            ("topics", cell.topics, steps, "next step"),
            ("checklist", cell.checklist, items, "checklist item"),
            ("themes", cell.themes, themes, "theme"),
            ("experts", cell.experts, experts, "expert"),
        ):
            for n, value in enumerate(values):
                if value not in known:
                    yield (*at, field, n), f"unknown {kind} '{value}'"
    for perspective in model.perspectives:
        for row in model.rows:
            if f"{perspective.key}.{row.key}" not in seen:
                yield ("cells",), f"cell '{perspective.key}.{row.key}' is missing"
    for n, topic in enumerate(model.closing.waters.rough_topics):
        if topic not in steps:
            yield ("closing", "waters", "rough_topics", n), f"unknown next step '{topic}'"
    yield from _unique("phases", model.phases, by_index=True)
    for n, phase in enumerate(model.phases):
        if phase not in phases:
            yield ("phases", n), f"unknown phase '{phase}'"
    for phase in sorted(phases - set(model.phases)):
        yield ("phases",), f"phase '{phase}' of the register is missing"
    for index, step in enumerate(model.next_steps):
        if step.source not in sections:
            yield ("next_steps", index, "source"), f"unknown section '{step.source}'"


def _unique(
    name: str, keys: list[str], *, by_index: bool = False
) -> Iterator[tuple[Location, str]]:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            location: Location = (name, index) if by_index else (name, index, "key")
            yield location, f"duplicate key '{key}'"
        seen.add(key)
