"""Ranks the entries for a free-text message and decides what it is.

Decisions (`MatchResult.decision`):

- ``answer``: one entry answers it (`result.options[0]`); `result.team` is its main team.
- ``clarify``: a few really different candidates (`result.options`, at most three) and the
  team that most likely knows (`result.team`).
- ``out_of_scope``: not about partnerships; `result.referral` says where to go instead
  when the content knows (an out-of-scope example with `refer:`).
- ``situation``: the text describes a partnership (several sentences naming several
  subjects): show a triage (bot.domain.triage) next to the best matches.
- ``smalltalk``: a greeting, thanks, 'ok', yes/no or chatter: `result.smalltalk` is its kind
  (content/smalltalk.yaml); never a checklist answer.

Scoring is TF-IDF cosine on analysed terms (see analyzer.py), taken twice: against an entry
as a whole (all its phrasings, explanation, theme and thesaurus concepts) and against its
two best phrasings, the runner-up counting less. The out-of-scope examples compete phrasing
against phrasing: when the closest example is closer than every in-scope phrasing, the
message is declined. The checklist comes first: a framework section or a team card only
wins when the message names a framework or a team ("waarderingskader", "wie is JUR"), uses
words only a framework's sections use ("kennisroutines"), or is the name of a section ("wat
is rolneming"); see naming.py. In a text of several sentences the ones that ask weigh more
than the ones that only set the scene, and a scene about a partnership that asks about
everyday office life ("... Hoe maak ik een draaitabel?") is declined.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from bot.domain.analyzer import SYNONYM_PREFIX, Analyzer, ConceptHit, Terms
from bot.domain.content import Content
from bot.domain.dutch import is_personal, split_sentences, words
from bot.domain.entries import OUT_OF_SCOPE_ID, Entry, build_entries
from bot.domain.lexicon import everyday_words
from bot.domain.naming import Names
from bot.domain.own_business import OwnBusinessRecogniser
from bot.domain.people import PersonRecogniser
from bot.domain.requests import RequestRecogniser
from bot.domain.smalltalk import SmalltalkDetector

Decision = Literal["answer", "clarify", "out_of_scope", "situation", "smalltalk"]
Postings = dict[str, list[tuple[int, float]]]
EVERYDAY = "!"  # key prefix of an everyday topic (content/out_of_scope.yaml) among the concepts
RANK_DEPTH = 30  # how many entries are ranked; the rest never matter
SUBJECT_WORDS = 3  # a message of at most this many words may name just a subject
# The nouns for the partnership itself (not the verb: "samenwerken in een word-document").
PARTNERSHIP_WORDS = frozenset(
    (
        "samenwerking",
        "samenwerkingen",
        "samenwerkingsverband",
        "samenwerkingsverbanden",
        "partnerschap",
        "partnerschappen",
        "partnership",
        "partnerships",
    )
)
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


@dataclass(frozen=True)
class Tuning:
    whole_entry_share: float = 0.6  # the rest goes to the entry's best phrasings
    second_phrasing_weight: float = 0.3  # the runner-up phrasing's share beside the best one
    unknown_word_weight: float = 0.5  # share of the top idf that a word nobody uses weighs
    min_score: float = 0.175  # below this the question is out of scope
    bare_min_score: float = 0.255  # the same for a text naming no domain concept at all
    personal_min_score: float = 0.43  # and for "ik"/"mijn" without "we" and one concept at most,
    personal_margin: float = 0.48  # unless an in-scope phrasing is this much closer than examples
    everyday_min_score: float = 0.5  # and for a text naming a subject of everyday office life
    own_business_min_score: float = 0.5  # and for one about the municipality's own business
    clarify_ratio: float = 0.92  # runner-up this close to the best: ask which one
    confident_score: float = 0.55  # above this, answer even with close runners-up
    max_options: int = 3
    concept_boost: float = 1.45  # a thesaurus concept in the question counts this much more
    subject_ratio: float = 0.75  # a one-subject message: other themes' items this close are asked
    example_share: float = 0.3  # an out-of-scope example must explain this much of the text
    domain_concepts: int = 2  # a text naming this many domain concepts is about the domain,
    example_overrules: float = 0.8  # unless an out-of-scope example explains this much of it
    # The checklist is the primary answer; a framework or team card wins when asked for.
    unasked_framework_weight: float = 0.8
    unasked_expert_weight: float = 0.55
    asked_weight: float = 1.15
    root_weight: float = 0.75  # a framework as a whole, when the text names one of its sections
    title_weight: float = 1.2  # an entry whose full name holds nearly all of the text
    other_framework_weight: float = 0.7  # another framework than the one the text names
    other_part_weight: float = 0.8  # a principle for the other form (Wgr or network)
    unnamed_part_weight: float = 0.9  # a principle of part B, when the text names no form
    title_cover: float = 0.8  # that much of the text's weight (squared TF-IDF)
    # A situation: this many sentences (or words) and this many different subjects.
    situation_sentences: int = 2
    situation_words: int = 18
    situation_subjects: int = 2
    scene_weight: float = 0.7  # a sentence that asks nothing, beside one that asks


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
    choices: tuple[Match, ...] = ()  # the clarify options, chosen to differ
    team: str | None = None  # the team that most likely knows (answer, clarify, situation)
    smalltalk: str | None = None  # the kind of small talk, when decision is "smalltalk"
    referral: str | None = None  # where to go instead, when out of scope and content knows
    explained: bool = False  # declined for an everyday subject, a request or a colleague's name

    @property
    def options(self) -> tuple[Match, ...]:
        """What to offer: the answer, the clarify choices, or nothing."""
        if self.decision == "answer":
            return self.matches[:1]
        if self.decision == "clarify":
            return self.choices or self.matches[: self.max_options]
        if self.decision == "situation":
            return self.matches[: self.max_options]
        return ()


class Matcher:
    def __init__(self, content: Content, tuning: Tuning | None = None) -> None:
        self.tuning = tuning or Tuning()
        self.content = content
        entries = list(build_entries(content))
        self.analyzer = Analyzer(  # typos are repaired towards in-scope words only
            content.synonyms,
            (field.text for e in entries if e.id != OUT_OF_SCOPE_ID for field in e.fields),
            keys=[concept.key for concept in content.thesaurus],
            known=content.out_of_scope,
            foreign=[(EVERYDAY + topic.key, topic.words) for topic in content.everyday],
            real_words=everyday_words,
            first_names=[w for topic in content.everyday if topic.names for w in topic.words],
        )
        self._strong_topics = frozenset(EVERYDAY + t.key for t in content.everyday if t.strong)
        self._topic_referrals = {EVERYDAY + t.key: t.refer for t in content.everyday if t.refer}
        self.smalltalk = SmalltalkDetector(content.smalltalk, content.smalltalk_fillers)
        self.requests = RequestRecogniser(content.requests)
        self.people = PersonRecogniser(content.people, self.analyzer.vocabulary)
        self.own_business = OwnBusinessRecogniser(content.own_business)
        entry_terms = [self._entry_terms(entry) for entry in entries]
        self._idf = _idf(entry_terms)
        self._max_idf = max(self._idf.values())
        self._entry_postings = _postings(
            [{term: _sublinear(tf) for term, tf in terms.items()} for terms in entry_terms],
            self._idf,
        )
        phrasings = [
            (index, self._phrasing_terms(field.text, entry.id == OUT_OF_SCOPE_ID))
            for index, entry in enumerate(entries)
            for field in entry.fields
            if field.is_phrasing
        ]
        self._phrasing_entry = [index for index, _ in phrasings]
        self._phrasing_postings = _postings([terms for _, terms in phrasings], self._idf)
        self._out_of_scope = next(i for i, e in enumerate(entries) if e.id == OUT_OF_SCOPE_ID)
        first = self._phrasing_entry.index(self._out_of_scope)
        self._first_example = first
        self.entries = tuple(entries)
        checklist: set[str] = set()  # every term the checklist uses
        for entry, terms in zip(self.entries, entry_terms, strict=True):
            if entry.kind == "checklist":
                checklist.update(terms)
        self.names = Names(content, self.analyzer, self.entries, checklist)
        self._items_of_concept: dict[str, set[str]] = defaultdict(set)
        for item in content.items.values():
            for key in item.concepts:
                self._items_of_concept[key].add(item.id)

    def _phrasing_terms(self, text: str, out_of_scope: bool) -> Terms:
        """Out-of-scope examples match by their own words and everyday topics."""
        return _own_concepts(self.analyzer.terms(text), out_of_scope)

    def _entry_terms(self, entry: Entry) -> Terms:
        terms: Terms = defaultdict(float)
        out_of_scope = entry.id == OUT_OF_SCOPE_ID
        for field in entry.fields:
            own = _own_concepts(self.analyzer.terms(field.text), out_of_scope)
            for term, weight in own.items():
                terms[term] += weight * field.weight
        return terms

    def match(
        self, query: str, limit: int = 5, *, as_typed: bool = False, in_situation: bool = False
    ) -> MatchResult:
        """`as_typed`: the query is still being typed, so its last word may be unfinished;
        `in_situation`: it is a sentence of a described partnership, which may name the
        partners in another sentence (so it is no question about the own business)."""
        tuning = self.tuning
        if not as_typed:
            kind = self.smalltalk.kind(query)
            if kind is not None:
                return MatchResult(query, "smalltalk", (), tuning.max_options, smalltalk=kind)
        terms, hits = self.analyzer.analyse(
            query, repair_typos=True, complete_last=as_typed, typed=True
        )
        own_business = not (as_typed or in_situation) and self.own_business.says(
            query, terms, hits, self._knows
        )
        if not as_typed:
            terms = self._question_first(query, terms)
        vector, norm = self._query_vector(terms)
        ranked, best_in_scope, (closest_example, example) = self._rank(terms, vector, norm)
        partnership = _names_partnership(query)
        person = not as_typed and self.people.asks_about(query)
        request = not as_typed and self.requests.asks(query)
        everyday = person or request or self._everyday(hits, partnership)
        personal = is_personal(words(query))
        off_work = everyday or personal  # office life or one's own affairs
        off_topic = self._off_topic(
            closest_example / norm,
            closest_example > best_in_scope,
            hits,
            off_work,
            partnership,
        )
        margin = (best_in_scope - closest_example) / norm
        floor = self._min_score(personal, hits, terms, everyday, partnership, margin, own_business)
        decision = self._decide(ranked, off_topic, floor)
        explained = decision == "out_of_scope" and everyday
        own_affairs = explained and personal  # "ik heb per ongeluk ..."
        referral = None
        if decision == "out_of_scope":
            example_index = example if closest_example > 0 else None
            referral = self._referral(example_index, hits, person, own_business)
        if not as_typed:
            asked = self._asked_off_topic(query)
            if asked is not None:  # the scene is a partnership, but what it asks is not
                decision, explained, referral = "out_of_scope", True, asked.referral or referral
            elif not (request or own_affairs or own_business) and self._is_situation(query, hits):
                decision = "situation"  # a described partnership, even where no item fits
        choices = tuple(self._choices(ranked)) if decision == "clarify" else ()
        if decision == "clarify" and all(_alike(choices[0].entry, c.entry) for c in choices[1:]):
            decision, choices = "answer", ()  # near duplicates only: nothing really to choose
        subject = self._subject_items(query, hits, ranked) if decision != "out_of_scope" else []
        if len(subject) > 1:
            decision, choices = "clarify", tuple(subject)
        elif subject:  # the checklist before a model's section, even a close one
            ranked = [subject[0], *(match for match in ranked if match is not subject[0])]
            decision, choices = "answer", ()
        return MatchResult(
            query,
            decision,
            tuple(ranked[:limit]),
            tuning.max_options,
            choices=choices,
            team=self._team(decision, ranked, choices),
            referral=referral,
            explained=explained,
        )

    def _asked_off_topic(self, query: str) -> MatchResult | None:
        """A text that sets a scene and then asks something off the subject ("We werken samen
        met Breda. Hoe maak ik een draaitabel?"): the decline of its asking sentences, when
        they are declined for an everyday subject, a request or a colleague's name."""
        sentences = split_sentences(query)
        asked = [sentence for sentence in sentences if sentence.endswith("?")]
        if not asked or len(asked) == len(sentences):
            return None
        result = self.match(" ".join(asked))
        return result if result.explained else None

    def _referral(
        self, example: int | None, hits: list[ConceptHit], person: bool, own_business: bool
    ) -> str | None:
        """Where to go instead: the closest example's referral, else where to find a colleague
        the text names (`PersonRecogniser`), else that of the first everyday topic it names,
        else where questions about the own organisation go."""
        referrals = self.content.referrals
        if example is not None and example < len(referrals) and referrals[example]:
            return referrals[example]
        if person and self.content.people and self.content.people.refer:
            return self.content.people.refer
        topics = self._topic_referrals
        topic = next((topics[hit.key] for hit in hits if hit.key in topics), None)
        return topic or (self.own_business.refer if own_business else None)

    def _question_first(self, query: str, terms: Terms) -> Terms:
        """A text of several sentences that asks its question in some of them: the words of
        the sentences that only set the scene count less (`scene_weight`), so that a word
        there ("salaris", "campagne") does not outweigh what is asked ("rechtspositie",
        "procedure")."""
        sentences = split_sentences(query)
        asked = {sentence for sentence in sentences if sentence.endswith("?")}
        if not asked or len(asked) == len(sentences):
            return terms
        weighted: Terms = defaultdict(float)
        for sentence in sentences:
            weight = 1.0 if sentence in asked else self.tuning.scene_weight
            for term, tf in self.analyzer.terms(sentence, repair_typos=True, typed=True).items():
                weighted[term] += weight * tf
        return weighted

    def _rank(
        self, terms: Terms, vector: dict[str, float], norm: float
    ) -> tuple[list[Match], float, tuple[float, int]]:
        """The entries best first; the best in-scope phrasing's similarity; the closest
        out-of-scope example's similarity and index (similarities not yet divided by norm)."""
        tuning = self.tuning
        whole = _dot(vector, self._entry_postings)
        top_two: dict[int, tuple[float, float]] = {}  # an entry's two best phrasings
        best_example = (0.0, -1)
        for phrasing, score in _dot(vector, self._phrasing_postings).items():
            entry = self._phrasing_entry[phrasing]
            if entry == self._out_of_scope:
                best_example = max(best_example, (score, -phrasing))
                continue
            first, second = top_two.get(entry, (0.0, 0.0))
            top_two[entry] = (score, first) if score > first else (first, max(second, score))
        # Two phrasings that fit say more than one: an entry is not won by a single lucky one.
        runner_up = tuning.second_phrasing_weight
        best_phrasing = {
            entry: (first + runner_up * second) / (1 + runner_up)
            for entry, (first, second) in top_two.items()
        }
        whole.pop(self._out_of_scope, None)
        share = tuning.whole_entry_share
        priors = self._priors(terms)
        named_sections = self.names.roots_of_named_sections(terms)
        entries = self.entries
        titled = self.names.titled(vector, tuning.title_cover)
        elsewhere = self.names.other_frameworks(terms)
        other_part, form_named = self.names.other_part(terms)
        part_weight = tuning.other_part_weight if form_named else tuning.unnamed_part_weight
        # A text that is the name of a framework section or team card (and of no checklist
        # item) asks for it: "wat is rolneming" is the principle, not a question about roles.
        named = titled if all(entries[i].kind != "checklist" for i in titled) else frozenset()

        def prior(index: int) -> float:
            kind = priors[entries[index].kind]
            return max(1.0, kind) if index in named else kind

        scored = (
            (
                prior(index)
                * (tuning.other_framework_weight if entries[index].theme in elsewhere else 1.0)
                * (part_weight if entries[index].id in other_part else 1.0)
                * (tuning.root_weight if entries[index].id in named_sections else 1.0)
                * (tuning.title_weight if index in titled else 1.0)
                * (share * whole.get(index, 0.0) + (1 - share) * best_phrasing.get(index, 0.0))
                / norm,
                index,
            )
            for index in whole.keys() | best_phrasing.keys()
        )
        best = heapq.nsmallest(RANK_DEPTH, scored, key=lambda pair: (-pair[0], entries[pair[1]].id))
        ranked = [Match(entries[index], score) for score, index in best]
        example = -best_example[1] - self._first_example
        return ranked, max(best_phrasing.values(), default=0.0), (best_example[0], example)

    def _off_topic(
        self,
        share_explained: float,
        closer: bool,
        hits: list[ConceptHit],
        off_work: bool,
        partnership: bool,
    ) -> bool:
        """Declined: an out-of-scope example is closer than every in-scope phrasing and
        explains enough of the text, and the text names neither several domain concepts nor
        the partnership itself (unless the example explains nearly all of it, or the text
        names a subject of everyday office life and not the partnership, "lunch voor het AB
        van de GR", or speaks of one's own affairs, "de opzegtermijn van mijn contract")."""
        tuning = self.tuning
        return (
            closer
            and share_explained >= tuning.example_share
            and (
                (self._domain_concepts(hits) < tuning.domain_concepts and not partnership)
                or share_explained >= tuning.example_overrules
                or off_work
            )
        )

    def _priors(self, terms: Terms) -> dict[str, float]:
        """How much each kind of entry counts: the checklist, unless a framework or team is
        asked for by name."""
        tuning = self.tuning
        asks_framework, asks_expert = self.names.asks(terms)
        return {
            "checklist": 1.0,
            "framework": tuning.asked_weight if asks_framework else tuning.unasked_framework_weight,
            "expert": tuning.asked_weight if asks_expert else tuning.unasked_expert_weight,
            "out_of_scope": 1.0,
        }

    def _query_vector(self, terms: Terms) -> tuple[dict[str, float], float]:
        """TF-IDF of the question's known terms, with sublinear term frequency (a word said
        three times in a long text does not outweigh the rest); words the content never uses
        add to the norm, unless the thesaurus knows them."""
        boost = self.tuning.concept_boost
        vector = {
            term: _sublinear(tf)
            * self._idf[term]
            * (boost if term.startswith(SYNONYM_PREFIX) else 1.0)
            for term, tf in terms.items()
            if term in self._idf
        }
        unknown = sum(1 for term in terms if term[0].isalnum() and not self._knows(term))
        unknown_weight = self.tuning.unknown_word_weight * self._max_idf
        squares = sum(value * value for value in vector.values()) + unknown * unknown_weight**2
        return vector, math.sqrt(squares) or 1.0

    def _knows(self, term: str) -> bool:
        """Whether an entry or a thesaurus concept uses the term."""
        return term in self._idf or self.analyzer.in_thesaurus(term)

    def _decide(
        self, ranked: list[Match], off_topic: bool, min_score: float | None = None
    ) -> Decision:
        tuning = self.tuning
        floor = tuning.min_score if min_score is None else max(min_score, tuning.min_score)
        if off_topic or not ranked or ranked[0].score < floor:
            return "out_of_scope"
        best = ranked[0].score
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if best < tuning.confident_score and runner_up >= tuning.clarify_ratio * best:
            return "clarify"
        return "answer"

    def _subject_items(
        self, query: str, hits: list[ConceptHit], ranked: list[Match]
    ) -> list[Match]:
        """A message that only names one subject ("GR", "subsidie"): the best checklist item
        of each theme about it that comes close to the best of them, to choose from, also when
        a framework section or team card ranks a little higher (the checklist comes first)."""
        keys = {hit.key for hit in hits if not hit.part and hit.key in self.content.concepts}
        if len(keys) != 1 or len(words(query)) > SUBJECT_WORDS:
            return []
        items = self._items_of_concept.get(next(iter(keys)), set())
        best_of_theme: dict[str | None, Match] = {}
        for match in ranked:
            if match.entry.id in items and match.entry.theme not in best_of_theme:
                best_of_theme[match.entry.theme] = match
        best = max((match.score for match in best_of_theme.values()), default=0.0)
        if ranked[0].entry.id not in items and (
            ranked[0].entry.kind == "checklist"
            or best < self.tuning.subject_ratio * ranked[0].score
        ):
            return []
        floor = self.tuning.subject_ratio * best
        close = [match for match in best_of_theme.values() if match.score >= floor]
        return close[: self.tuning.max_options]

    def _min_score(
        self,
        personal: bool,
        hits: list[ConceptHit],
        terms: Terms,
        everyday: bool,
        partnership: bool,
        margin: float,
        own_business: bool,
    ) -> float | None:
        """A higher bar for a text naming no domain concept, about one's own affairs ("mijn
        salaris") naming at most one, about everyday office life (see `_everyday`) or about the
        municipality's own business (`OwnBusinessRecogniser`). A text that names the
        partnership itself ("de samenwerking") is about the domain even when it names no other
        concept; one that asks for a team ("ik zoek een jurist"), or that an in-scope phrasing
        fits far better than every out-of-scope example (`margin`: "ik moet de statuten
        aanpassen"), is no question about one's own affairs."""
        tuning = self.tuning
        concepts = self._domain_concepts(hits)
        floors = [tuning.bare_min_score] if concepts == 0 and not partnership else []
        asks_team = self.names.asks(terms)[1]
        work = asks_team or margin >= tuning.personal_margin
        if concepts <= 1 and personal and not work:
            floors.append(tuning.personal_min_score)
        if everyday:
            floors.append(tuning.everyday_min_score)
        if own_business:
            floors.append(tuning.own_business_min_score)
        return max(floors, default=None)

    def _everyday(self, hits: list[ConceptHit], partnership: bool) -> bool:
        """The text names a subject of everyday office life (its word, or a compound's tail)
        and not the partnership, or one that is never the bot's even about the partnership
        (a `strong` topic: "maak een powerpoint over de samenwerking")."""
        return any(
            hit.telling
            and hit.key.startswith(EVERYDAY)
            and (not partnership or hit.key in self._strong_topics)
            for hit in hits
        )

    def _domain_concepts(self, hits: list[ConceptHit]) -> int:
        """How many different domain concepts (with teams or themes) the text names."""
        concepts = self.content.concepts
        return len(
            {
                hit.key
                for hit in hits
                if not hit.part
                and hit.key in concepts
                and (concepts[hit.key].experts or concepts[hit.key].themes)
            }
        )

    def _is_situation(self, query: str, hits: list[ConceptHit]) -> bool:
        """Several sentences (or a long text) that name several subjects (teams, themes)."""
        tuning = self.tuning
        sentences = len([part for part in _SENTENCE_END.split(query.strip()) if part.strip()])
        if sentences < tuning.situation_sentences or len(words(query)) < tuning.situation_words:
            return False
        concepts = self.content.concepts
        teams = {
            code
            for hit in hits
            if hit.key in concepts and not hit.part
            for code in concepts[hit.key].experts
        }
        return (
            len(teams) >= tuning.situation_subjects
            or self._domain_concepts(hits) > tuning.situation_subjects
        )

    def _choices(self, ranked: list[Match]) -> list[Match]:
        """Up to three clarify options that really differ: the best, then the next ones that
        are close enough and not of the same theme and team as one already chosen (unless
        nothing else is close)."""
        tuning = self.tuning
        best = ranked[0].score
        close = [m for m in ranked if m.score >= tuning.clarify_ratio * best * 0.85]
        chosen: list[Match] = []
        for match in close:
            if len(chosen) == tuning.max_options:
                break
            if any(_alike(match.entry, other.entry) for other in chosen):
                continue
            chosen.append(match)
        for match in close:  # fill up with near duplicates only when they are all there is
            if len(chosen) >= min(2, tuning.max_options):
                break
            if match not in chosen:
                chosen.append(match)
        return chosen

    def _team(
        self, decision: Decision, ranked: list[Match], choices: tuple[Match, ...]
    ) -> str | None:
        if decision in ("out_of_scope", "smalltalk") or not ranked:
            return None
        if decision == "clarify":
            votes: defaultdict[str, float] = defaultdict(float)
            for match in choices or tuple(ranked[:3]):
                for rank, code in enumerate(match.entry.experts):
                    votes[code] += match.score / (1 + rank)
            return max(votes, key=votes.__getitem__) if votes else None
        return ranked[0].entry.experts[0] if ranked[0].entry.experts else None


def _names_partnership(query: str) -> bool:
    return not PARTNERSHIP_WORDS.isdisjoint(words(query))


def _own_concepts(terms: Terms, out_of_scope: bool) -> Terms:
    """The thesaurus is the domain's: out-of-scope examples keep only the everyday topics'
    concepts, the domain's entries only the thesaurus's."""
    return {t: w for t, w in terms.items() if _domain_concept(t) in (None, not out_of_scope)}


def _domain_concept(term: str) -> bool | None:
    """True for a domain concept's term, False for an everyday topic's, None for a word."""
    if not term.startswith(SYNONYM_PREFIX):
        return None
    return not term.startswith(SYNONYM_PREFIX + EVERYDAY)


def _alike(one: Entry, other: Entry) -> bool:
    return (
        one.kind == other.kind and one.theme == other.theme and one.experts[:1] == other.experts[:1]
    )


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
