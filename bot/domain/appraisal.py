"""An appraisal of a partnership with the waarderingskader: typed ratings, what a completed
appraisal means (weakest cells, next steps, checklist questions, intakes, teams) and how it
compares with the previous one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from bot.domain.appraisal_content import RATINGS, AppraisalFile, RatingKey
from bot.domain.dutch import normalize, rest_after

Waters = Literal["rustig", "onrustig"]
Trend = Literal["up", "down", "same"]
MAX_WEAKEST = 3
MAX_NEXT_STEPS = 3
UNKNOWN: RatingKey = "onbekend"
MIN_WORD = 4  # a typed word that picks a choice by a word of its label, not 'en' or 'een'
COMPLETES_WITHIN_DAYS = 60  # an appraisal this close to the next moment completes it


@dataclass(frozen=True)
class CellRating:
    cell: str  # 'gemeente.ambitie'
    rating: RatingKey  # 'onbekend' also for a skipped cell
    note: str | None = None


@dataclass(frozen=True)
class Appraisal:
    """A completed appraisal as the register keeps it."""

    id: int | None
    partnership_id: int | None  # None: a partnership that is not registered (yet)
    partnership_name: str
    user_id: str
    completed_at: datetime
    opening: str | None  # the greatest vulnerability and the most potential, in own words
    ratings: tuple[CellRating, ...]  # in the content's question order
    waters: Waters | None
    own_organisation_change: bool | None
    phase: str | None  # register phase key
    cooperation: str | None  # cooperation kind key
    next_steps: tuple[str, ...]  # next-step topic keys, most needed first
    summary_markdown: str = ""

    def rating_of(self, cell: str) -> RatingKey:
        return next((r.rating for r in self.ratings if r.cell == cell), UNKNOWN)


@dataclass(frozen=True)
class Outcome:
    """What the appraisal means: where to look first and who to involve."""

    weakest: tuple[str, ...]  # cell keys, weakest first
    next_steps: tuple[str, ...]  # topic keys
    checklist: tuple[str, ...]  # checklist item ids
    themes: tuple[str, ...]  # theme keys for an intake
    experts: tuple[str, ...]  # expert team codes


# --- typed answers ------------------------------------------------------------------------


def rating_words(appraisal: AppraisalFile) -> dict[str, RatingKey]:
    """Normalised typed word -> rating key, from the content."""
    words = {normalize(word): rating.key for rating in appraisal.ratings for word in rating.typed}
    words.update({rating.key: rating.key for rating in appraisal.ratings})
    words.update({normalize(rating.word): rating.key for rating in appraisal.ratings})
    return words


def parse_rating(text: str, words: Mapping[str, RatingKey]) -> tuple[RatingKey | None, str | None]:
    """'aandacht, de bijdrage is nog onduidelijk' -> ('aandacht', 'de bijdrage is ...').

    Text without a rating at its start is only a note: (None, text).
    """
    typed = normalize(text).split()
    longest = max((len(word.split()) for word in words), default=0)
    for length in range(min(longest, len(typed)), 0, -1):
        rating = words.get(" ".join(typed[:length]))
        if rating is not None:
            return rating, rest_after(text, length)
    stripped = text.strip()
    return None, stripped or None


def parse_choice(text: str, choices: Sequence[tuple[str, str]]) -> str | None:
    """A choice by its number ('2'), its key, or the start of its label; choices: (key, label)."""
    typed = normalize(text)
    if not typed:
        return None
    if typed.isdigit():
        number = int(typed)
        return choices[number - 1][0] if 1 <= number <= len(choices) else None
    for key, label in choices:
        if typed == normalize(key) or normalize(label).startswith(typed):
            return key
    for key, label in choices:  # a word of the label: 'analyseren', 'netwerk'
        if len(typed) >= MIN_WORD and typed in normalize(label).split():
            return key
    return None


def parse_waters(text: str) -> Waters | None:
    words = normalize(text).split()
    if not words:
        return None
    if words[0] in ("onrustig", "woelig", "stormachtig"):
        return "onrustig"
    if words[0] in ("rustig", "kalm"):
        return "rustig"
    return None


def parse_yes_no(text: str) -> bool | None:
    words = normalize(text).split()
    first = words[0] if words else ""
    if first in ("ja", "yes", "jazeker", "zeker"):
        return True
    if first in ("nee", "no", "neen"):
        return False
    return None


# --- what a completed appraisal means -----------------------------------------------------


def scores(appraisal: AppraisalFile) -> dict[str, int | None]:
    """Rating key -> score (higher is stronger; None: no opinion)."""
    return {rating.key: rating.score for rating in appraisal.ratings}


def weakest_cells(
    ratings: Sequence[CellRating], appraisal: AppraisalFile, limit: int = MAX_WEAKEST
) -> tuple[str, ...]:
    """The cells rated below 'voldoende' ('aandacht nodig', 'zorgelijk'), weakest first, then
    in question order; at most `limit`."""
    score_of = scores(appraisal)
    enough = score_of.get("voldoende") or 0
    order = [cell.key for cell in appraisal.ordered_cells()]
    weak = [
        (score, order.index(r.cell) if r.cell in order else len(order), r.cell)
        for r in ratings
        if (score := score_of.get(r.rating)) is not None and score < enough
    ]
    return tuple(cell for _, _, cell in sorted(weak)[:limit])


def outcome(
    ratings: Sequence[CellRating], waters: Waters | None, appraisal: AppraisalFile
) -> Outcome:
    """Weakest cells and what follows from them: next-step topics (weighted by how weak the
    cell is; rough waters add their topics), checklist questions, theme intakes, teams."""
    weakest = weakest_cells(ratings, appraisal)
    cells = [appraisal.cell(key) for key in weakest]
    score_of = scores(appraisal)
    enough = score_of.get("voldoende") or 0
    weight: Counter[str] = Counter()
    rating_by_cell = {r.cell: r.rating for r in ratings}
    for cell in cells:
        severity = enough - (score_of.get(rating_by_cell[cell.key]) or enough)
        for position, topic in enumerate(cell.topics):
            weight[topic] += severity * 2 - (position > 0)
    if waters == "onrustig":
        for topic in appraisal.closing.waters.rough_topics:
            weight[topic] += 1
    step_order = [step.key for step in appraisal.next_steps]
    steps = sorted(weight, key=lambda topic: (-weight[topic], step_order.index(topic)))
    return Outcome(
        weakest=weakest,
        next_steps=tuple(steps[:MAX_NEXT_STEPS]),
        checklist=_each_once(id_ for cell in cells for id_ in cell.checklist),
        themes=_each_once(key for cell in cells for key in cell.themes),
        experts=_each_once(code for cell in cells for code in cell.experts),
    )


def trend(
    current: Appraisal, previous: Appraisal | None, appraisal: AppraisalFile
) -> dict[str, Trend | None]:
    """Per cell: better (up), worse (down) or the same since the previous appraisal; None when
    there is no previous one or either rating is 'weet ik niet'."""
    score_of = scores(appraisal)
    result: dict[str, Trend | None] = {}
    for cell in appraisal.ordered_cells():
        now = score_of.get(current.rating_of(cell.key))
        before = score_of.get(previous.rating_of(cell.key)) if previous else None
        if now is None or before is None:
            result[cell.key] = None
        else:
            result[cell.key] = "up" if now > before else "down" if now < before else "same"
    return result


def completes_moment(due: date | None, today: date) -> bool:
    """Whether an appraisal today completes the evaluation moment due on `due` (overdue, or
    within COMPLETES_WITHIN_DAYS); a much earlier appraisal comes on top of it."""
    return due is not None and due <= today + timedelta(days=COMPLETES_WITHIN_DAYS)


def phase_moves_back(current: str, answered: str, appraisal: AppraisalFile) -> bool:
    """Whether the answered phase lies before the partnership's phase in the phase order."""
    order = appraisal.phases
    if current not in order or answered not in order:
        return False
    return order.index(answered) < order.index(current)


def complete_ratings(
    given: Mapping[str, tuple[str | None, str | None]], appraisal: AppraisalFile
) -> tuple[CellRating, ...]:
    """Every cell in question order from {cell: (rating or None, note or None)}; a missing or
    unknown rating counts as 'onbekend'."""
    result = []
    for cell in appraisal.ordered_cells():
        rating, note = given.get(cell.key, (None, None))
        known: RatingKey = next((key for key in RATINGS if key == rating), UNKNOWN)
        result.append(CellRating(cell.key, known, note or None))
    return tuple(result)


def _each_once(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
