"""Everyday Dutch and English words, from the word lists pyspellchecker ships: a real word the
content does not use ("politie", "binnenstad") is never repaired into a look-alike that it
does use ("politiek", "binnenste"). Loaded once, when a word first needs them or beside the
web app's start-up, whichever comes first."""

from __future__ import annotations

import gzip
import json
import threading
from functools import cache
from importlib import resources

from bot.domain.dutch import words

LANGUAGES = ("nl", "en")
_LOADING = threading.Lock()  # a question and the start-up's loader must not both load them


def everyday_words() -> frozenset[str]:
    with _LOADING:
        return _load()


@cache
def _load() -> frozenset[str]:
    found: set[str] = set()
    for language in LANGUAGES:
        resource = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        with resource.open("rb") as packed, gzip.open(packed, "rt", encoding="utf-8") as text:
            found.update(_as_read(word) for word in json.load(text))
    return frozenset(found)


def _as_read(word: str) -> str:
    """The word as the analyzer reads it: 'cliënt' as 'client', "collega's" as 'collegas'."""
    return word if word.isascii() and word.isalpha() else "".join(words(word))
