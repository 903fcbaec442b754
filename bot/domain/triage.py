"""Triage of a described partnership: what matters, whom to involve, how to register it.

A staff member describes a partnership in a few sentences ("we gaan met vijf gemeenten ...,
collega's worden gedetacheerd ..., klantgegevens in één systeem ... wie moet ik erbij
halen?"). `Triager.triage(text)` answers with

- the themes that matter, most important first;
- the checklist items that matter (at most eight), grouped by theme, most important first:
  each item the text bears on is weighed by its evidence (`Evidence`: how well the whole text
  and each sentence match it, the thesaurus concepts the text names that it is about or that
  imply it, whether it matters for every partnership (`general: true`), whether a word of
  the text calls for its team, how well the item that names it as related matches, and how
  well its theme matches), with weights fitted on the labelled dev situations; every team
  the text calls for brings its own best item, when that matters at all;
- the expert teams to involve, each with a one-line reason quoting the words of the text
  that call for it ('"gedetacheerd" → P&O'), then the main team of each of the best items
  that the text itself matches,
  then the team for agreements when the text calls for several teams whose subjects partners
  make arrangements about (experts.yaml `agreements`);
  the general team (experts.yaml `general`) when none of these calls for one;
- a registration proposal: the partnership form the text names (a key of register.yaml's
  forms, or None) and every yes/no flag of register.yaml, true when the text names it.

Which words call for which team, flag or form is content (thesaurus.yaml), not code.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from bot.domain.analyzer import ConceptHit
from bot.domain.content import Content
from bot.domain.dutch import as_typed, negated_positions, split_sentences, words
from bot.domain.matcher import Matcher

MAX_ITEMS = 8
MATCHES = 8  # the best matches of the text and of each sentence that count as evidence
MIN_ITEM_SCORE = 0.05  # an item is named from this importance on,
MIN_TEAM_ITEM_SCORE = 0.2  # a called team's own best item from this one
TOP_ITEMS = 4  # the main team of each of the best items is involved,
TOP_ITEM_SCORE = 0.1  # when the item is this important
TOP_ITEM_MATCH = 0.2  # and the text matches it this well, not only through related evidence
MAX_QUOTED = 3
MAX_SENTENCES = 12  # a longer text is matched as a whole and in its first sentences
SENTENCE_ENDINGS = ".,;:!?"


@dataclass
class Evidence:
    """What a text says for one checklist item; `importance` weighs it."""

    whole: float = 0.0  # its score in the match of the whole text
    whole_rank: float = 0.0  # 1 / its rank among the checklist items there
    sentence: float = 0.0  # its best score in the match of one sentence (of several)
    sentence_rank: float = 0.0  # 1 / its best rank there
    concept: float = 0.0  # 1 / (1 + place) of the first of its concepts the text names
    implied: float = 0.0  # how many of the concepts the text names imply it
    general: float = 0.0  # 1: it matters for every partnership (`general: true`)
    team_called: float = 0.0  # 1: a word of the text calls for its main team
    related: float = 0.0  # the best match of an item that names it first among its related
    theme: float = 0.0  # the best match of any item of its theme

    @property
    def matched(self) -> float:
        """How well the text, or one of its sentences, matches the item."""
        return max(self.whole, self.sentence)


# Fitted by logistic regression on the dev situation sets (scripts/fit_triage_weights.py):
# the chance that a careful reviewer counts the item among the key ones.
WEIGHTS = Evidence(
    whole=2.42,
    whole_rank=1.37,
    sentence=0.74,
    sentence_rank=0.5,
    concept=0.85,
    implied=0.94,
    general=1.58,
    team_called=0.84,
    related=1.25,
    theme=0.92,
)
BIAS = -3.75
EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))


def importance(evidence: Evidence) -> float:
    """The chance that the item matters for the text, between 0 and 1."""
    logit = BIAS + sum(getattr(WEIGHTS, name) * getattr(evidence, name) for name in EVIDENCE_FIELDS)
    return 1 / (1 + math.exp(-logit))


@dataclass(frozen=True)
class ThemeRef:
    key: str
    title: str


@dataclass(frozen=True)
class TriageItem:
    id: str
    theme: str  # theme key
    question: str
    experts: tuple[str, ...]
    score: float = field(default=0.0, compare=False)  # its importance
    match: float = field(default=0.0, compare=False)  # how well the text or a sentence matches it


@dataclass(frozen=True)
class ExpertCall:
    code: str
    why: str  # '"gedetacheerd", "overgaan" → P&O'
    triggers: tuple[str, ...] = ()
    item: str | None = None  # the checklist item that calls for the team, when no word does


@dataclass(frozen=True)
class Registration:
    form: str | None  # key of a form in register.yaml, None when the text does not say
    flags: dict[str, bool]  # every flag key of register.yaml


@dataclass(frozen=True)
class Triage:
    query: str
    themes: tuple[ThemeRef, ...]
    checklist: tuple[TriageItem, ...]
    experts: tuple[ExpertCall, ...]
    registration: Registration

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `python -m bot triage --json`."""
        return {
            "query": self.query,
            "themes": [{"key": theme.key, "title": theme.title} for theme in self.themes],
            "checklist": [
                {
                    "id": item.id,
                    "theme": item.theme,
                    "question": item.question,
                    "experts": list(item.experts),
                }
                for item in self.checklist
            ],
            "experts": [{"code": call.code, "why": call.why} for call in self.experts],
            "registration": {
                "form": self.registration.form,
                "flags": dict(self.registration.flags),
            },
        }


class Triager:
    """Built once from content (and its matcher); `triage` is then cheap."""

    def __init__(self, content: Content, matcher: Matcher | None = None) -> None:
        self.content = content
        self.matcher = matcher or Matcher(content)
        self._items_of_concept: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for item in content.items.values():  # a concept that only sets the scene raises none
            for rank, key in enumerate(item.concepts):
                if not content.concepts[key].setting:
                    self._items_of_concept[key].append((item.id, rank))
        self._theme_key = {item_id: theme.key for item_id, theme in content.theme_of_item.items()}
        self._flag_keys = [flag.key for flag in content.register.flags]
        self._main_team = {i: item.experts[0] for i, item in content.items.items() if item.experts}
        self._general_items = frozenset(i for i, item in content.items.items() if item.general)

    def triage(self, text: str) -> Triage:
        affirmed = self._affirmed(text)
        hits = self._hits(affirmed)
        experts = self._experts(hits)
        evidence = self._evidence(affirmed, hits, {call.code for call in experts})
        checklist = self._checklist(evidence, experts)
        experts += self._teams_of_top_items(checklist, experts, hits)
        experts += self._agreements_team(experts)
        general = self.content.general_team
        if not experts and checklist and general:  # about a partnership, but no team called
            experts = (ExpertCall(general, self.content.messages.say("situation_why_general")),)
        return Triage(
            query=text,
            themes=self._themes(checklist),
            checklist=checklist,
            experts=experts,
            registration=self._registration(hits),
        )

    def evidence(self, text: str) -> dict[str, Evidence]:
        """What the text says for each checklist item it bears on at all."""
        affirmed = self._affirmed(text)
        hits = self._hits(affirmed)
        return self._evidence(affirmed, hits, {call.code for call in self._experts(hits)})

    def _hits(self, text: str) -> list[ConceptHit]:
        """The concepts the text names, each with the text's own spelling of its words."""
        raw = _raw_words(text)
        return [
            ConceptHit(
                hit.key,
                _quote(raw, hit.position, len(hit.words.split())),
                hit.position,
                hit.part,
                hit.tail,
            )
            for hit in self.matcher.analyzer.concepts(text, typed=True)
        ]

    def _affirmed(self, text: str) -> str:
        """The text without what it says is not involved: the words of a concept with a
        register flag that a negation covers ("er gaat geen geld in om", "no personal data")."""
        negated = negated_positions(text)
        if not negated:  # most texts: no second reading
            return text
        concepts = self.content.concepts
        dropped = {
            position
            for hit in self.matcher.analyzer.concepts(text, typed=True)
            if hit.position in negated and hit.key in concepts and concepts[hit.key].flags
            for position in range(hit.position, hit.position + len(hit.words.split()))
        }
        if not dropped:
            return text
        kept: list[str] = []
        position = 0
        for chunk in text.split():
            count = len(words(chunk))
            if count and all(at in dropped for at in range(position, position + count)):
                ending = chunk[len(chunk.rstrip(SENTENCE_ENDINGS)) :]  # keep the sentence apart
                if ending and kept:
                    kept[-1] += ending
            else:
                kept.append(chunk)
            position += count
        return " ".join(kept)

    def _evidence(self, text: str, hits: list[ConceptHit], called: set[str]) -> dict[str, Evidence]:
        found: dict[str, Evidence] = defaultdict(Evidence)
        sentences = split_sentences(text)[:MAX_SENTENCES]
        parts = [(True, text)] + [(False, s) for s in sentences if len(sentences) > 1]
        for whole, part in parts:
            result = self.matcher.match(part, limit=MATCHES, in_situation=True)
            if result.decision in ("out_of_scope", "smalltalk"):
                continue
            checklist = [match for match in result.matches if match.entry.kind == "checklist"]
            for rank, match in enumerate(checklist, start=1):
                item = found[match.entry.id]
                if whole:
                    item.whole, item.whole_rank = match.score, 1 / rank
                else:
                    item.sentence = max(item.sentence, match.score)
                    item.sentence_rank = max(item.sentence_rank, 1 / rank)
        concepts = self.content.concepts
        for key in {hit.key for hit in hits if hit.telling and hit.key in concepts}:
            for item_id, rank in self._items_of_concept.get(key, ()):
                found[item_id].concept = max(found[item_id].concept, 1 / (1 + rank))
            for item_id in concepts[key].implies:
                found[item_id].implied += 1
        if not found:
            return {}
        for item_id in self._general_items:  # about a partnership: these matter for every one
            found[item_id].general = 1.0
        items = self.content.items
        best_of_theme: dict[str, float] = defaultdict(float)
        for item_id, item in list(found.items()):
            theme = self._theme_key[item_id]
            best_of_theme[theme] = max(best_of_theme[theme], item.matched)
            for other in items[item_id].related[:1]:  # the guide's first related item
                if other in items:
                    found[other].related = max(found[other].related, item.matched)
        for item_id, item in found.items():
            item.theme = best_of_theme[self._theme_key[item_id]]
            experts = items[item_id].experts
            item.team_called = float(bool(experts) and experts[0] in called)
        return dict(found)

    def _checklist(
        self, evidence: dict[str, Evidence], experts: tuple[ExpertCall, ...]
    ) -> tuple[TriageItem, ...]:
        scores = {item_id: importance(item) for item_id, item in evidence.items()}
        chosen = sorted(
            (item_id for item_id, score in scores.items() if score >= MIN_ITEM_SCORE),
            key=lambda item_id: (-scores[item_id], item_id),
        )[:MAX_ITEMS]
        for call in experts:
            self._add_item_of_team(call.code, chosen, scores)
        best_of_theme = self._best_of_theme(chosen, scores)
        chosen.sort(
            key=lambda item_id: (
                -best_of_theme[self._theme_key[item_id]],
                self._theme_key[item_id],
                -scores[item_id],
            )
        )
        items = self.content.items
        return tuple(
            TriageItem(
                item_id,
                self._theme_key[item_id],
                items[item_id].question,
                tuple(items[item_id].experts),
                round(scores[item_id], 4),
                round(evidence[item_id].matched, 4),
            )
            for item_id in chosen
        )

    def _best_of_theme(self, item_ids: Iterable[str], scores: dict[str, float]) -> dict[str, float]:
        best: dict[str, float] = {}
        for item_id in item_ids:
            theme = self._theme_key[item_id]
            best[theme] = max(best.get(theme, 0.0), scores[item_id])
        return best

    def _add_item_of_team(self, code: str, chosen: list[str], scores: dict[str, float]) -> None:
        """A team the text calls for comes with its own best item (one whose main team it is),
        when that item is important enough (`MIN_TEAM_ITEM_SCORE`): it takes the place of the
        weakest item of a team that has more than one."""
        main = self._main_team
        if code in (main.get(item_id) for item_id in chosen):
            return
        own = [
            i for i, score in scores.items() if main.get(i) == code and score >= MIN_TEAM_ITEM_SCORE
        ]
        if not own:
            return
        if len(chosen) >= MAX_ITEMS:
            per_team = Counter(main.get(item_id) for item_id in chosen)
            spare = [item_id for item_id in chosen if per_team[main.get(item_id)] > 1]
            if not spare:
                return
            chosen.remove(min(spare, key=lambda item_id: (scores[item_id], item_id)))
        chosen.append(max(own, key=lambda item_id: (scores[item_id], item_id)))

    def _teams_of_top_items(
        self,
        checklist: tuple[TriageItem, ...],
        called: tuple[ExpertCall, ...],
        hits: list[ConceptHit],
    ) -> tuple[ExpertCall, ...]:
        """The main team of each of the best items that matter clearly and that the text itself
        matches, when no word of the text called for it: its reason quotes the words that
        raised the item."""
        concepts = self.content.concepts
        codes = {call.code for call in called}
        calls: list[ExpertCall] = []
        best = sorted(  # a general item is there for every partnership, not for this text
            (item for item in checklist if item.id not in self._general_items),
            key=lambda item: (-item.score, item.id),
        )[:TOP_ITEMS]
        for item in best:
            if (
                item.score < TOP_ITEM_SCORE
                or item.match < TOP_ITEM_MATCH
                or not item.experts
                or item.experts[0] in codes
            ):
                continue
            own = self.content.items[item.id].concepts
            raised = list(
                dict.fromkeys(
                    hit.words
                    for hit in hits
                    if hit.telling
                    and hit.key in concepts
                    and (hit.key in own or item.id in concepts[hit.key].implies)
                )
            )
            code = item.experts[0]
            why = _why(raised, code) if raised else f"{item.question} → {code}"
            calls.append(ExpertCall(code, why, tuple(raised), item.id))
            codes.add(code)
        return tuple(calls)

    def _agreements_team(self, called: tuple[ExpertCall, ...]) -> tuple[ExpertCall, ...]:
        """The team for agreements, when the text calls for several of the teams whose
        subjects partners make arrangements about (money and staff, say)."""
        rule = self.content.agreements
        codes = {call.code for call in called}
        if rule is None or rule.team in codes or len(codes & set(rule.when)) < rule.at_least:
            return ()
        return (ExpertCall(rule.team, self.content.messages.say("situation_why_agreements")),)

    def _themes(self, checklist: tuple[TriageItem, ...]) -> tuple[ThemeRef, ...]:
        titles = {theme.key: theme.title for theme in self.content.themes}
        keys = list(dict.fromkeys(item.theme for item in checklist))
        return tuple(ThemeRef(key, titles[key]) for key in keys)

    def _experts(self, hits: list[ConceptHit]) -> tuple[ExpertCall, ...]:
        """Every team a named concept calls for, in the order the text first calls for it."""
        concepts = self.content.concepts
        triggers: dict[str, list[str]] = {}
        for hit in sorted(hits, key=lambda hit: hit.position):
            concept = concepts.get(hit.key)
            if concept is None or not hit.telling:
                continue
            for code in concept.experts:
                words = triggers.setdefault(code, [])
                if hit.words not in words:
                    words.append(hit.words)
        return tuple(
            ExpertCall(code, _why(words, code), tuple(words)) for code, words in triggers.items()
        )

    def _registration(self, hits: list[ConceptHit]) -> Registration:
        concepts = self.content.concepts
        flags = dict.fromkeys(self._flag_keys, False)
        forms: dict[str, int] = defaultdict(int)
        first_seen: dict[str, int] = {}
        for hit in hits:
            concept = concepts.get(hit.key)
            if concept is None or not hit.telling:
                continue
            for flag in concept.flags:
                flags[flag] = True
            if concept.form:
                forms[concept.form] += 1
                first_seen.setdefault(concept.form, hit.position)
        form = min(forms, key=lambda key: (-forms[key], first_seen[key]), default=None)
        return Registration(form, flags)


def _raw_words(text: str) -> list[str]:
    """The text's own spelling of each analysed word (punctuation around it dropped)."""
    raw: list[str] = []
    for chunk in text.split():
        raw += [as_typed(chunk)] * len(words(chunk))
    return raw


def _quote(raw: list[str], position: int, length: int) -> str:
    return " ".join(dict.fromkeys(raw[position : position + length]))


def _why(words: list[str], code: str) -> str:
    quoted = ", ".join(f'"{word}"' for word in words[:MAX_QUOTED])
    return f"{quoted} → {code}"
