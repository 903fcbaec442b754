"""Ranks the entries for a free-text question and decides: answer, clarify or out of scope.

Scoring is TF-IDF cosine on analysed terms (see analyzer.py), taken twice: against an entry
as a whole (all its phrasings, explanation and theme) and against its single best phrasing.
Out-of-scope examples compete as one more entry, so "wachtwoord vergeten" loses to them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from bot.domain.analyzer import Analyzer, Terms
from bot.domain.content import Content
from bot.domain.entries import OUT_OF_SCOPE_ID, Entry, build_entries

Decision = Literal["answer", "clarify", "out_of_scope"]


@dataclass(frozen=True)
class Tuning:
    whole_entry_share: float = 0.5  # the rest goes to the best single phrasing
    unknown_word_weight: float = 0.5  # share of a top idf that an unknown word weighs
    min_score: float = 0.2  # below this the question is out of scope
    clarify_ratio: float = 0.92  # runner-up this close to the best: ask which one
    confident_score: float = 0.55  # above this, answer even with close runners-up
    max_options: int = 3


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float


@dataclass(frozen=True)
class MatchResult:
    query: str
    decision: Decision
    matches: tuple[Match, ...]

    @property
    def options(self) -> tuple[Match, ...]:
        """What to offer: the answer, the clarify choices, or nothing."""
        if self.decision == "answer":
            return self.matches[:1]
        if self.decision == "clarify":
            return self.matches[: Tuning.max_options]
        return ()


class Matcher:
    def __init__(self, content: Content, tuning: Tuning | None = None) -> None:
        self.tuning = tuning or Tuning()
        self.entries = tuple(build_entries(content))
        self.analyzer = Analyzer(
            content.synonyms, (field.text for entry in self.entries for field in entry.fields)
        )
        entry_terms = [self._entry_terms(entry) for entry in self.entries]
        self._idf = _idf(entry_terms)
        self._max_idf = max(self._idf.values())
        self._entry_postings = _postings(
            [{term: _sublinear(tf) for term, tf in terms.items()} for terms in entry_terms],
            self._idf,
        )
        docs: list[Terms] = []
        self._doc_entry: list[int] = []
        for index, entry in enumerate(self.entries):
            for field in entry.fields:
                if field.is_phrasing:
                    docs.append(self.analyzer.terms(field.text))
                    self._doc_entry.append(index)
        self._doc_postings = _postings(docs, self._idf)

    def _entry_terms(self, entry: Entry) -> Terms:
        terms: Terms = defaultdict(float)
        for field in entry.fields:
            for term, weight in self.analyzer.terms(field.text).items():
                terms[term] += weight * field.weight
        return terms

    def match(self, query: str, limit: int = 5) -> MatchResult:
        scores = self.scores(query)
        ranked = sorted(
            (Match(entry, score) for entry, score in zip(self.entries, scores, strict=True)),
            key=lambda match: match.score,
            reverse=True,
        )
        out_of_scope = next(m.score for m in ranked if m.entry.id == OUT_OF_SCOPE_ID)
        in_scope = tuple(m for m in ranked if m.entry.id != OUT_OF_SCOPE_ID and m.score > 0)
        return MatchResult(query, self._decide(in_scope, out_of_scope), in_scope[:limit])

    def scores(self, query: str) -> list[float]:
        """One score in [0, 1] per entry, in the order of `self.entries`."""
        terms = self.analyzer.terms(query, repair_typos=True)
        vector = {
            term: weight * self._idf[term] for term, weight in terms.items() if term in self._idf
        }
        unknown = sum(1 for term in terms if term not in self._idf and term[0].isalnum())
        norm = math.sqrt(
            sum(value * value for value in vector.values())
            + unknown * (self.tuning.unknown_word_weight * self._max_idf) ** 2
        )
        whole = [0.0] * len(self.entries)
        best_phrasing = [0.0] * len(self.entries)
        if not vector:
            return whole
        for term, value in vector.items():
            for index, weight in self._entry_postings.get(term, ()):
                whole[index] += value * weight
        phrasing_scores: dict[int, float] = defaultdict(float)
        for term, value in vector.items():
            for doc, weight in self._doc_postings.get(term, ()):
                phrasing_scores[doc] += value * weight
        for doc, score in phrasing_scores.items():
            index = self._doc_entry[doc]
            best_phrasing[index] = max(best_phrasing[index], score)
        share = self.tuning.whole_entry_share
        return [
            (share * entry + (1 - share) * phrasing) / norm
            for entry, phrasing in zip(whole, best_phrasing, strict=True)
        ]

    def _decide(self, in_scope: tuple[Match, ...], out_of_scope: float) -> Decision:
        tuning = self.tuning
        if not in_scope or in_scope[0].score < tuning.min_score or out_of_scope > in_scope[0].score:
            return "out_of_scope"
        best = in_scope[0].score
        runner_up = in_scope[1].score if len(in_scope) > 1 else 0.0
        if best < tuning.confident_score and runner_up >= tuning.clarify_ratio * best:
            return "clarify"
        return "answer"


def _sublinear(tf: float) -> float:
    return 1 + math.log(tf) if tf > 1 else tf


def _idf(documents: list[Terms]) -> dict[str, float]:
    frequency: dict[str, int] = defaultdict(int)
    for terms in documents:
        for term in terms:
            frequency[term] += 1
    count = len(documents)
    return {term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()}


def _postings(documents: list[Terms], idf: dict[str, float]) -> dict[str, list[tuple[int, float]]]:
    """Inverted index of unit-length TF-IDF vectors: term -> [(document, weight)]."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, terms in enumerate(documents):
        vector = {term: weight * idf[term] for term, weight in terms.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        for term, value in vector.items():
            postings[term].append((index, value / norm))
    return dict(postings)
