"""Theme intakes: typed answers, and what a completed intake means (open points, experts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.domain.content import Content
from bot.domain.dutch import normalize, rest_after
from bot.domain.models import Theme

Answer = Literal["ja", "nee", "weet_niet", "nvt"]
ANSWERS: tuple[Answer, ...] = ("ja", "nee", "weet_niet", "nvt")
MAX_NEXT_THEMES = 3


@dataclass(frozen=True)
class ItemAnswer:
    item_id: str
    answer: Answer | None  # None: skipped ("overslaan")
    note: str | None = None


@dataclass(frozen=True)
class OpenPoint:
    item_id: str
    answer: Answer
    why: str
    experts: tuple[str, ...]


@dataclass(frozen=True)
class IntakeOutcome:
    theme: str  # theme key
    answers: tuple[ItemAnswer, ...]  # in the theme's order
    open_points: tuple[OpenPoint, ...]
    experts: tuple[str, ...]  # to contact, each once, most needed first
    next_themes: tuple[str, ...]  # theme keys to look at next

    @property
    def answered(self) -> int:
        return sum(1 for answer in self.answers if answer.answer is not None)

    @property
    def skipped(self) -> int:
        return sum(1 for answer in self.answers if answer.answer is None)


@dataclass(frozen=True)
class StoredIntake:
    """A completed intake as the register keeps it."""

    id: int | None
    partnership_id: int | None
    theme: str
    user_id: str
    completed_at: datetime
    answers: tuple[ItemAnswer, ...]
    summary_markdown: str


# --- typed answers ------------------------------------------------------------------------

_ANSWER_WORDS: dict[str, Answer] = {
    "ja": "ja",
    "yes": "ja",
    "jazeker": "ja",
    "nee": "nee",
    "no": "nee",
    "neen": "nee",
    "weet niet": "weet_niet",
    "weet ik niet": "weet_niet",
    "geen idee": "weet_niet",
    "onbekend": "weet_niet",
    "weet_niet": "weet_niet",
    "nvt": "nvt",
    "n v t": "nvt",
    "niet van toepassing": "nvt",
    "n a": "nvt",
}
_LONGEST_ANSWER = max(len(words.split()) for words in _ANSWER_WORDS)


def parse_answer(text: str) -> tuple[Answer | None, str | None]:
    """'Ja, we hebben een SOK' -> ('ja', 'we hebben een SOK'); other text is only a note."""
    words = normalize(text).split()
    for length in range(min(_LONGEST_ANSWER, len(words)), 0, -1):
        answer = _ANSWER_WORDS.get(" ".join(words[:length]))
        if answer is not None:
            return answer, rest_after(text, length)
    stripped = text.strip()
    return None, stripped or None


# --- what a completed intake means --------------------------------------------------------


def evaluate_intake(
    theme: Theme, answers: Mapping[str, ItemAnswer], content: Content
) -> IntakeOutcome:
    """Open points from the content's rules, the teams to involve, and themes to look at next."""
    ordered = tuple(answers.get(item.id, ItemAnswer(item.id, None)) for item in theme.items)
    open_points = []
    for item, given in zip(theme.items, ordered, strict=True):
        rule = next((r for r in item.rules if given.answer in r.when), None)
        if rule is not None and given.answer is not None:
            open_points.append(OpenPoint(item.id, given.answer, rule.why, tuple(rule.involve)))
    experts = tuple(dict.fromkeys(code for point in open_points for code in point.experts))
    return IntakeOutcome(
        theme.key, ordered, tuple(open_points), experts, _next_themes(theme, open_points, content)
    )


def _next_themes(theme: Theme, open_points: list[OpenPoint], content: Content) -> tuple[str, ...]:
    """Themes of the items related to the open points, most often related first (at most 3)."""
    counts: Counter[str] = Counter()
    for point in open_points:
        for related in content.items[point.item_id].related:
            key = content.theme_of_item[related].key
            if key != theme.key:
                counts[key] += 1
    return tuple(key for key, _ in counts.most_common(MAX_NEXT_THEMES))
