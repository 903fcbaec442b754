"""Scores a ranker on a labelled question file: accuracy, out-of-scope handling, routing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from bot.domain.content import ContentError, ContentIssue
from bot.domain.matcher import Matcher
from bot.domain.models import Strict, Text, Versioned
from bot.domain.triage import Triager
from bot.domain.yaml_source import YamlSyntaxError, read_yaml

OUT_OF_SCOPE = "out_of_scope"
DECLINED = frozenset({"out_of_scope", "smalltalk"})  # no checklist answer given


class LabelledQuestion(Strict):
    q: Text
    expect: list[Text] | Literal["out_of_scope"]
    expert: Text | None = None
    tags: list[Text] = []

    @property
    def in_scope(self) -> bool:
        return self.expect != OUT_OF_SCOPE

    @property
    def expected_ids(self) -> list[str]:
        return [] if self.expect == OUT_OF_SCOPE else list(self.expect)


class LabelledSet(Versioned):
    questions: list[LabelledQuestion]


@dataclass(frozen=True)
class Prediction:
    """What a ranker made of one question: its decision and (id, main expert) best first."""

    decision: Literal["answer", "clarify", "out_of_scope", "situation", "smalltalk"]
    ranked: tuple[tuple[str, str | None], ...]


def matcher_ranker(matcher: Matcher) -> Callable[[str], Prediction]:
    """The matcher as a ranker: its decision and its matches with their main team."""

    def rank(query: str) -> Prediction:
        result = matcher.match(query)
        ranked = tuple(
            (m.entry.id, m.entry.experts[0] if m.entry.experts else None) for m in result.matches
        )
        return Prediction(result.decision, ranked)

    return rank


Ranker = Callable[[str], Prediction]


def load_labelled_set(path: Path, known_ids: Iterable[str]) -> list[LabelledQuestion]:
    try:
        doc = read_yaml(path)
    except YamlSyntaxError as error:
        raise ContentError([ContentIssue(str(path), error.line, "", error.message)]) from None
    try:
        questions = LabelledSet.model_validate(doc.data).questions
    except ValidationError as error:
        raise ContentError(
            [
                ContentIssue(str(path), doc.line_of(tuple(d["loc"])), "", str(d["msg"]))
                for d in error.errors()
            ]
        ) from None
    known = set(known_ids)
    issues = [
        ContentIssue(
            str(path), doc.line_of(("questions", index, "expect")), "", f"unknown id '{id_}'"
        )
        for index, question in enumerate(questions)
        for id_ in question.expected_ids
        if id_ not in known
    ]
    if issues:
        raise ContentError(issues)
    return questions


@dataclass
class Tally:
    total: int = 0
    hits: int = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += hit

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class Miss:
    question: LabelledQuestion
    prediction: Prediction
    rank: int | None  # 1-based rank of the first expected id, None when absent or rejected


@dataclass
class Report:
    top1: Tally = field(default_factory=Tally)
    top3: Tally = field(default_factory=Tally)
    out_of_scope_recall: Tally = field(default_factory=Tally)
    false_rejection: Tally = field(default_factory=Tally)
    clarified: Tally = field(default_factory=Tally)
    expert: Tally = field(default_factory=Tally)
    by_tag: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[Miss] = field(default_factory=list)
    answered_out_of_scope: list[str] = field(default_factory=list)


def evaluate(questions: Iterable[LabelledQuestion], ranker: Ranker) -> Report:
    """In-scope questions count as right only when not rejected; top-k looks at the ranking."""
    report = Report()
    for question in questions:
        prediction = ranker(question.q)
        rejected = prediction.decision in DECLINED
        if not question.in_scope:
            report.out_of_scope_recall.add(rejected)
            if not rejected:
                report.answered_out_of_scope.append(question.q)
            for tag in question.tags:
                report.by_tag[tag].add(rejected)
            continue
        ids = [id_ for id_, _ in prediction.ranked]
        rank = _first_rank(ids, question.expected_ids) if not rejected else None
        report.top1.add(rank == 1)
        report.top3.add(rank is not None and rank <= 3)
        report.false_rejection.add(rejected)
        report.clarified.add(prediction.decision == "clarify")
        if question.expert:
            main_expert = prediction.ranked[0][1] if prediction.ranked and not rejected else None
            report.expert.add(main_expert == question.expert)
        for tag in question.tags:
            report.by_tag[tag].add(rank == 1)
        if rank != 1:
            report.misses.append(Miss(question, prediction, rank))
    report.misses.sort(key=lambda miss: -(miss.rank or 1000))
    return report


def _first_rank(ids: list[str], expected: list[str]) -> int | None:
    for position, id_ in enumerate(ids, start=1):
        if id_ in expected:
            return position
    return None


class LabelledSituation(Strict):
    """A described partnership: the teams it must involve, those that are defensible too, and
    the checklist items that a good triage names."""

    text: Text
    must: list[Text] = []
    acceptable: list[Text] = []
    key_items: list[Text] = []


class LabelledSituations(Versioned):
    situations: list[LabelledSituation]


@dataclass(frozen=True)
class SituationPrediction:
    teams: tuple[str, ...]
    items: tuple[str, ...]


def triage_predictor(triager: Triager) -> Callable[[str], SituationPrediction]:
    """The triage as a predictor: the teams it involves and the items it names."""

    def predict(text: str) -> SituationPrediction:
        triage = triager.triage(text)
        return SituationPrediction(
            tuple(call.code for call in triage.experts), tuple(item.id for item in triage.checklist)
        )

    return predict


@dataclass(frozen=True)
class SituationMiss:
    situation: LabelledSituation
    prediction: SituationPrediction
    missing_teams: tuple[str, ...]
    extra_teams: tuple[str, ...]
    missing_items: tuple[str, ...]


@dataclass
class SituationReport:
    must_found: Tally = field(default_factory=Tally)  # recall of must-teams
    defensible: Tally = field(default_factory=Tally)  # named teams in must + acceptable
    key_items: Tally = field(default_factory=Tally)  # recall of key items
    situations: int = 0
    misses: list[SituationMiss] = field(default_factory=list)


def load_situations(
    path: Path, known_ids: Iterable[str], known_codes: Iterable[str]
) -> list[LabelledSituation]:
    try:
        doc = read_yaml(path)
    except YamlSyntaxError as error:
        raise ContentError([ContentIssue(str(path), error.line, "", error.message)]) from None
    try:
        situations = LabelledSituations.model_validate(doc.data).situations
    except ValidationError as error:
        raise ContentError(
            [
                ContentIssue(str(path), doc.line_of(tuple(d["loc"])), "", str(d["msg"]))
                for d in error.errors()
            ]
        ) from None
    ids, codes = set(known_ids), set(known_codes)
    issues = []
    for index, situation in enumerate(situations):
        for name, values, known, kind in (
            ("must", situation.must, codes, "team"),
            ("acceptable", situation.acceptable, codes, "team"),
            ("key_items", situation.key_items, ids, "checklist item"),
        ):
            for value in values:
                if value not in known:
                    line = doc.line_of(("situations", index, name))
                    issues.append(ContentIssue(str(path), line, "", f"unknown {kind} '{value}'"))
    if issues:
        raise ContentError(issues)
    return situations


def evaluate_situations(
    situations: Iterable[LabelledSituation], triage: Callable[[str], SituationPrediction]
) -> SituationReport:
    report = SituationReport()
    for situation in situations:
        prediction = triage(situation.text)
        report.situations += 1
        teams = set(prediction.teams)
        allowed = set(situation.must) | set(situation.acceptable)
        for code in situation.must:
            report.must_found.add(code in teams)
        for code in prediction.teams:
            report.defensible.add(code in allowed)
        for item in situation.key_items:
            report.key_items.add(item in prediction.items)
        missing = tuple(code for code in situation.must if code not in teams)
        extra = tuple(code for code in prediction.teams if code not in allowed)
        missing_items = tuple(item for item in situation.key_items if item not in prediction.items)
        if missing or extra or missing_items:
            report.misses.append(
                SituationMiss(situation, prediction, missing, extra, missing_items)
            )
    return report
