"""Ranks the entries for a free-text question and decides: answer, clarify or out of scope.

Scoring is TF-IDF cosine on analysed terms (see analyzer.py), taken twice: against an entry
as a whole (all its phrasings, explanation and theme) and against its single best phrasing.
The out-of-scope examples compete phrasing against phrasing: when the closest example is
closer than every in-scope phrasing, the question is declined.
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
Postings = dict[str, list[tuple[int, float]]]


@dataclass(frozen=True)
class Tuning:
    whole_entry_share: float = 0.5  # the rest goes to the best single phrasing
    unknown_word_weight: float = 0.5  # share of the top idf that a word nobody uses weighs
    min_score: float = 0.15  # below this the question is out of scope
    clarify_ratio: float = 0.92  # runner-up this close to the best: ask which one
    confident_score: float = 0.55  # above this, answer even with close runners-up
    max_options: int = 3
    # The checklist is the primary answer; a framework or team card wins when asked for.
    framework_weight: float = 0.85
    expert_weight: float = 0.85


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float


@dataclass(frozen=True)
class MatchResult:
    query: str
    decision: Decision
    matches: tuple[Match, ...]
    max_options: int = Tuning.max_options

    @property
    def options(self) -> tuple[Match, ...]:
        """What to offer: the answer, the clarify choices, or nothing."""
        if self.decision == "answer":
            return self.matches[:1]
        if self.decision == "clarify":
            return self.matches[: self.max_options]
        return ()


class Matcher:
    def __init__(self, content: Content, tuning: Tuning | None = None) -> None:
        self.tuning = tuning or Tuning()
        entries = list(build_entries(content))
        self.analyzer = Analyzer(
            content.synonyms, (field.text for entry in entries for field in entry.fields)
        )
        entry_terms = [self._entry_terms(entry) for entry in entries]
        self._idf = _idf(entry_terms)
        self._max_idf = max(self._idf.values())
        self._entry_postings = _postings(
            [{term: _sublinear(tf) for term, tf in terms.items()} for terms in entry_terms],
            self._idf,
        )
        phrasings = [
            (index, self.analyzer.terms(field.text))
            for index, entry in enumerate(entries)
            for field in entry.fields
            if field.is_phrasing
        ]
        self._phrasing_entry = [index for index, _ in phrasings]
        self._phrasing_postings = _postings([terms for _, terms in phrasings], self._idf)
        self._out_of_scope = next(i for i, e in enumerate(entries) if e.id == OUT_OF_SCOPE_ID)
        weights = {"framework": self.tuning.framework_weight, "expert": self.tuning.expert_weight}
        self._priors = [weights.get(entry.kind, 1.0) for entry in entries]
        self.entries = tuple(entries)

    def _entry_terms(self, entry: Entry) -> Terms:
        terms: Terms = defaultdict(float)
        for field in entry.fields:
            for term, weight in self.analyzer.terms(field.text).items():
                terms[term] += weight * field.weight
        return terms

    def match(self, query: str, limit: int = 5, *, as_typed: bool = False) -> MatchResult:
        """`as_typed`: the query is still being typed, so its last word may be unfinished."""
        vector, norm = self._query_vector(query, as_typed)
        whole = _dot(vector, self._entry_postings)
        best_phrasing: dict[int, float] = {}
        for phrasing, score in _dot(vector, self._phrasing_postings).items():
            entry = self._phrasing_entry[phrasing]
            best_phrasing[entry] = max(best_phrasing.get(entry, 0.0), score)
        closest_example = best_phrasing.pop(self._out_of_scope, 0.0)
        whole.pop(self._out_of_scope, None)
        share = self.tuning.whole_entry_share
        ranked = sorted(
            (
                Match(
                    self.entries[index],
                    self._priors[index]
                    * (share * whole.get(index, 0.0) + (1 - share) * best_phrasing.get(index, 0.0))
                    / norm,
                )
                for index in whole.keys() | best_phrasing.keys()
            ),
            key=lambda match: (-match.score, match.entry.id),
        )
        off_topic = closest_example > max(best_phrasing.values(), default=0.0)
        return MatchResult(
            query, self._decide(ranked, off_topic), tuple(ranked[:limit]), self.tuning.max_options
        )

    def _query_vector(self, query: str, as_typed: bool) -> tuple[dict[str, float], float]:
        """TF-IDF of the question's known terms; words the content never uses add to the norm."""
        terms = self.analyzer.terms(query, repair_typos=True, complete_last=as_typed)
        vector = {term: tf * self._idf[term] for term, tf in terms.items() if term in self._idf}
        unknown = sum(1 for term in terms if term not in self._idf and term[0].isalnum())
        unknown_weight = self.tuning.unknown_word_weight * self._max_idf
        squares = sum(value * value for value in vector.values()) + unknown * unknown_weight**2
        return vector, math.sqrt(squares) or 1.0

    def _decide(self, ranked: list[Match], off_topic: bool) -> Decision:
        tuning = self.tuning
        if off_topic or not ranked or ranked[0].score < tuning.min_score:
            return "out_of_scope"
        best = ranked[0].score
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if best < tuning.confident_score and runner_up >= tuning.clarify_ratio * best:
            return "clarify"
        return "answer"


def _dot(vector: dict[str, float], postings: Postings) -> dict[int, float]:
    """Dot products with every document sharing a term with the vector (the others are 0)."""
    sums: dict[int, float] = defaultdict(float)
    for term, value in vector.items():
        for index, weight in postings.get(term, ()):
            sums[index] += value * weight
    return sums


def _sublinear(tf: float) -> float:
    return 1 + math.log(tf) if tf > 1 else tf


def _idf(documents: list[Terms]) -> dict[str, float]:
    frequency: dict[str, int] = defaultdict(int)
    for terms in documents:
        for term in terms:
            frequency[term] += 1
    count = len(documents)
    return {term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()}


def _postings(documents: list[Terms], idf: dict[str, float]) -> Postings:
    """Inverted index of unit-length TF-IDF vectors: term -> [(document, weight)]."""
    postings: Postings = defaultdict(list)
    for index, terms in enumerate(documents):
        vector = {term: weight * idf[term] for term, weight in terms.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        for term, value in vector.items():
            postings[term].append((index, value / norm))
    return dict(postings)
