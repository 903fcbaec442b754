"""Recognises messages that are no question: greetings, thanks, 'ok', yes/no, chatter.

A message is small talk when it is made up entirely of small-talk phrases (content/
smalltalk.yaml), filler words, emoji and punctuation, with at least one phrase or emoji.
Its kind is that of the phrase whose kind comes first in the file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from bot.domain.dutch import words
from bot.domain.models import SmalltalkKind

_MODIFIERS = {"\ufe0f", "\u200d", *(chr(code) for code in range(0x1F3FB, 0x1F400))}
MAX_WORDS = 8  # a longer message is never small talk
UNKNOWN_SYMBOL_KIND = "acknowledgement"


class SmalltalkDetector:
    def __init__(self, kinds: Sequence[SmalltalkKind], fillers: Iterable[str] = ()) -> None:
        self._rank = {group.kind: index for index, group in enumerate(kinds)}
        self._phrases: dict[tuple[str, ...], str] = {}
        self._symbols: dict[str, str] = {}
        for group in kinds:
            for phrase in group.phrases:
                tokens = tuple(words(phrase))
                if tokens:
                    self._phrases.setdefault(tokens, group.kind)
                else:
                    self._symbols.setdefault(_symbols(phrase), group.kind)
        self._fillers = frozenset(tuple(words(filler)) for filler in fillers)
        self._longest = max((len(phrase) for phrase in [*self._phrases, *self._fillers]), default=1)
        self.kinds = tuple(self._rank)

    def kind(self, text: str) -> str | None:
        """The kind of small talk the message is, or None when it may be a question."""
        tokens = words(text)
        if len(tokens) > MAX_WORDS:
            return None
        found = self._symbol_kinds(text)
        if found is None:
            return None
        start = 0
        while start < len(tokens):
            for length in range(min(self._longest, len(tokens) - start), 0, -1):
                piece = tuple(tokens[start : start + length])
                if piece in self._phrases:
                    found.append(self._phrases[piece])
                elif piece not in self._fillers:
                    continue
                start += length
                break
            else:
                return None
        return min(found, key=self._rank.__getitem__) if found else None

    def _symbol_kinds(self, text: str) -> list[str] | None:
        """Kinds of the emoji and symbols in the text; None when one is not small talk."""
        found: list[str] = []
        for char in _symbols(text):
            kind = self._symbols.get(char)
            if kind is None and unicodedata.category(char) == "So":
                kind = UNKNOWN_SYMBOL_KIND if UNKNOWN_SYMBOL_KIND in self._rank else None
            if kind is None:
                if unicodedata.category(char).startswith("P"):
                    continue
                return None
            found.append(kind)
        stripped = "".join(ch for ch in text if not ch.isspace() and not ch.isalnum())
        if stripped in self._symbols and not words(text):  # "?" or "..." on its own
            return [self._symbols[stripped]]
        return found


def _symbols(text: str) -> str:
    """The characters of a text that are neither letters, digits, spaces nor modifiers."""
    return "".join(
        char
        for char in text
        if not char.isalnum() and not char.isspace() and char not in _MODIFIERS
    )
