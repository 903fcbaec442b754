"""Everyday Dutch and English words, from the word lists pyspellchecker ships: a real word the
content does not use ("politie", "binnenstad") is never repaired into a look-alike that it
does use ("politiek", "binnenste"). Loaded once, when a word first needs it."""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

from bot.domain.dutch import normalize

LANGUAGES = ("nl", "en")


@cache
def everyday_words() -> frozenset[str]:
    words: set[str] = set()
    for language in LANGUAGES:
        resource = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        with resource.open("rb") as packed, gzip.open(packed, "rt", encoding="utf-8") as text:
            words.update(_as_typed(word) for word in json.load(text))
    return frozenset(words)


def _as_typed(word: str) -> str:
    """The word as the analyzer reads it: 'cliënt' as 'client', "collega's" as 'collegas'."""
    return word if word.isascii() and word.isalpha() else normalize(word).replace(" ", "")
