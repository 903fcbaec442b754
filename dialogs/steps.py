"""Words that steer a step-by-step conversation, the same in every dialog."""

from __future__ import annotations

from enum import Enum

from bot.domain.dutch import normalize


class Step(Enum):
    SKIP = "skip"
    BACK = "back"
    STOP = "stop"
    HELP = "help"


_WORDS = {
    Step.SKIP: ("overslaan", "sla over", "skip", "volgende"),
    Step.BACK: ("terug", "vorige", "back"),
    Step.STOP: ("stop", "stoppen", "annuleer", "annuleren", "afbreken"),
    Step.HELP: ("help", "hulp", "uitleg"),
}
_BY_TEXT = {word: step for step, words in _WORDS.items() for word in words}


def parse_step(text: str) -> Step | None:
    return _BY_TEXT.get(normalize(text.strip().lstrip("/")))
