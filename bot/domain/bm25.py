"""Okapi BM25 over the guide's checklist questions alone: the baseline the matcher must beat."""

from __future__ import annotations

import math
from collections import Counter

from bot.domain.content import Content
from bot.domain.dutch import STOP_WORDS, words


class Bm25Baseline:
    k1 = 1.2
    b = 0.75

    def __init__(self, content: Content) -> None:
        self.ids = list(content.items)
        self._docs = [Counter(_tokens(content.items[id_].question)) for id_ in self.ids]
        self._lengths = [sum(doc.values()) for doc in self._docs]
        self._average_length = sum(self._lengths) / len(self._lengths)
        frequency: Counter[str] = Counter(term for doc in self._docs for term in doc)
        count = len(self._docs)
        self._idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }

    def rank(self, query: str) -> list[tuple[str, float]]:
        """Checklist ids with a positive score, best first."""
        terms = [term for term in _tokens(query) if term in self._idf]
        scored = []
        for id_, doc, length in zip(self.ids, self._docs, self._lengths, strict=True):
            score = 0.0
            for term in terms:
                tf = doc.get(term, 0)
                if tf:
                    norm = self.k1 * (1 - self.b + self.b * length / self._average_length)
                    score += self._idf[term] * tf * (self.k1 + 1) / (tf + norm)
            if score > 0:
                scored.append((id_, score))
        return sorted(scored, key=lambda pair: pair[1], reverse=True)


def _tokens(text: str) -> list[str]:
    return [word for word in words(text) if word not in STOP_WORDS]
