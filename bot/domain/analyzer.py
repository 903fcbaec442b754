"""Turns text into weighted terms: typo repair, synonyms, stemming and compound splitting.

The same analyzer, built from the content's own vocabulary, treats content and questions,
so that 'AVG', 'privacy' and 'persoonsgegevens' meet in one term, 'staatsteun' is read as
'staatssteun' and 'verwerkersovereenkomst' also matches 'overeenkomst'.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.domain.dutch import (
    ENGLISH_MARKERS,
    FILLERS,
    LIGHT_TAILS,
    STOP_WORDS,
    light_stem,
    stem,
    words,
)

Terms = dict[str, float]
_CAPITALS = re.compile(r"\b[A-Z][A-Z&]+\b")


@dataclass(frozen=True)
class ConceptHit:
    """A thesaurus concept found in a text, with the words of the text that named it."""

    key: str
    words: str
    position: int  # index of its first word in the text
    part: bool = False  # named by a part of a compound word ("exploitatie|tekort")
    tail: bool = False  # that part is the last one, which says what the word is

    @property
    def telling(self) -> bool:
        """The concept is what the word means: the word itself, or the last part of a compound
        (Dutch compounds are right-headed: an exploitatietekort is a tekort, heffingsgegevens
        are gegevens), not a first part (a belastingkantoor is no belasting)."""
        return not self.part or self.tail


SYNONYM_PREFIX = "="
PREFIX_PREFIX = "~"
NAME_PREFIX = "name:"
PREFIX_LENGTH = 6
PREFIX_WEIGHT = 0.4
PART_WEIGHT = 0.6
HEAD_PART_WEIGHT = 0.4  # the concept of a compound's first part: a projectteam is a team
MIN_PART = 4
VERB_PREFIXES = ("ver", "ont", "be", "ge")  # a word's own start, not a compound's first part
MIN_COMPOUND = 9
MIN_COMPLETION = 3
MIN_REPAIR = 7  # shorter words are too often real words the content does not use
COVERED_WEIGHT = 0.7  # a word the thesaurus knows: its concept carries most of its meaning
# Separable verbs: "hoeveel leggen wij in" is "inleggen", "wie doet er mee" is "meedoen".
PARTICLES = frozenset("aan af bij door in mee om op over samen terug toe uit vast voor weg".split())
CLAUSE_ENDS = frozenset("als dat en maar of omdat terwijl voordat want zodat zonder".split())
# A particle may be followed by a prepositional object or adjunct of its verb: "draagt de
# gemeente bij aan", "vraag ik een budget aan bij de provincie".
OBJECT_PREPOSITIONS = frozenset("aan bij met tot van voor".split())
STOP_VERBS = frozenset("doe doen doet ga gaan gaat laat laten".split())  # stop words, verbs too
VERB_REACH = 8  # how far before its particle a verb may stand
MIN_VERB_FORM = 6  # a verb form ending in -t read as its infinitive ('legt' may be 'legen')
_LONG_VOWEL = re.compile(r"([aeou])\1([^aeiou])$")  # 'betaal-t': 'betal-en'
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\n]+")


class Analyzer:
    """`synonym_groups`: the thesaurus, one group of words per concept; `keys` name the
    concepts (default: the group's first word). Its canonical term is '=' + key."""

    def __init__(
        self,
        synonym_groups: Iterable[Sequence[str]],
        corpus: Iterable[str],
        keys: Sequence[str] | None = None,
        known: Iterable[str] = (),
        foreign: Sequence[tuple[str, Sequence[str]]] = (),
        real_words: Callable[[], Collection[str]] = frozenset,
        first_names: Iterable[str] = (),
    ) -> None:
        """`known`: texts whose words are never repaired, but no word is repaired into them.
        `foreign`: concepts (key, words) from outside the domain, found like the others; their
        words are known. `real_words`: the words of the language, never taken for a typo (read
        when a word first needs them). `first_names`: words of `foreign` that are first names, found
        only as written ('Hans', not 'HAN', the abbreviation, nor 'han')."""
        groups = [list(group) for group in synonym_groups]
        names = list(keys) if keys is not None else ["_".join(words(g[0])) for g in groups]
        names += [key for key, _ in foreign]
        self._phrases: dict[tuple[str, ...], str] = {}
        self._guarded: set[tuple[str, ...]] = set()  # "OR", "IT": English words too
        with_filler: set[tuple[str, ...]] = set()  # "werkt weer niet": matched exactly only
        for index, group in enumerate([*groups, *(list(group) for _, group in foreign)]):
            name = names[index]
            canonical = SYNONYM_PREFIX + name
            for term in group:
                phrase = tuple(light_stem(word) for word in words(term))
                self._phrases.setdefault(phrase, canonical)
                if not FILLERS.isdisjoint(words(term)):
                    with_filler.add(phrase)
                if term.isupper() and len(phrase) == 1 and phrase[0] in STOP_WORDS:
                    self._guarded.add(phrase)
        self._first_names = frozenset(words(" ".join(first_names)))
        self._name_phrases = frozenset((light_stem(name),) for name in self._first_names)
        self._longest_phrase = max((len(phrase) for phrase in self._phrases), default=1)
        self._loose_phrases = {  # phrases of several words that a filler may stand between
            phrase: canonical
            for phrase, canonical in self._phrases.items()
            if len(phrase) > 1 and phrase not in with_filler
        }
        self._counts = Counter(word for text in corpus for word in words(text))
        vocabulary = set(self._counts)
        thesaurus_words = {word for group in groups for term in group for word in words(term)}
        vocabulary |= thesaurus_words
        self._vocabulary = frozenset(vocabulary - STOP_WORDS)
        self._thesaurus_stems = frozenset(stem(word) for word in thesaurus_words)
        self._vocabulary_stems = frozenset(stem(word) for word in self._vocabulary)
        self._sorted_words = sorted(self._vocabulary)
        self._by_spelling_key: dict[str, str] = {}
        for word in sorted(self._vocabulary):
            self._by_spelling_key.setdefault(_spelling_key(word), word)
        self._spelling_keys = sorted(self._by_spelling_key)
        foreign_words = (word for _, group in foreign for term in group for word in words(term))
        self._known = frozenset(word for text in known for word in words(text)) | set(foreign_words)
        self._real_words = real_words
        self._split = lru_cache(maxsize=65536)(self._split_uncached)
        self._repair = lru_cache(maxsize=65536)(self._repair_uncached)

    def in_thesaurus(self, term: str) -> bool:
        """A stem of a thesaurus word: known to the domain even when no entry uses it."""
        return term in self._thesaurus_stems

    @property
    def vocabulary(self) -> frozenset[str]:
        return self._vocabulary

    def terms(
        self,
        text: str,
        *,
        repair_typos: bool = False,
        complete_last: bool = False,
        typed: bool = False,
    ) -> Terms:
        """`complete_last`: the last word may be half typed ("staats" -> "staatssteun")."""
        return self.analyse(
            text, repair_typos=repair_typos, complete_last=complete_last, typed=typed
        )[0]

    def concepts(self, text: str, *, typed: bool = False) -> list[ConceptHit]:
        """The thesaurus concepts a text names, in the order of the text (typos not repaired:
        a word the content does not know is more often a real word than a slip)."""
        return self.analyse(text, typed=typed)[1]

    def analyse(
        self,
        text: str,
        *,
        repair_typos: bool = False,
        complete_last: bool = False,
        typed: bool = False,
    ) -> tuple[Terms, list[ConceptHit]]:
        """`typed`: a text someone typed, whose capitalised words inside a sentence are names
        ('in Lewenborg'); the content's own texts capitalise titles."""
        tokens = words(text)
        if complete_last and tokens:
            tokens[-1] = self._complete(tokens[-1])
        if repair_typos:
            tokens = [self._repair(token) for token in tokens]
        stems = [stem(token) for token in tokens]
        english = any(token in ENGLISH_MARKERS for token in tokens)
        capitals = (
            {word.lower() for word in _CAPITALS.findall(text)}
            if self._guarded or self._first_names
            else set()
        )
        names = _proper_names(text) if typed else set()
        result: Terms = {}
        light = [light_stem(token) for token in tokens]
        hits = self._synonyms_in(tokens, light, english, capitals)
        for hit in hits:
            _add(result, SYNONYM_PREFIX + hit.key, 1.0)
        covered = {hit.position + n for hit in hits for n in range(len(hit.words.split()))}
        for position, (token, stemmed) in enumerate(zip(tokens, stems, strict=True)):
            if token in STOP_WORDS or len(token) < 2:
                continue
            if token in names and position not in covered and self._unknown_name(token):
                _add(result, NAME_PREFIX + token, 1.0)  # no word of any entry or example
                continue
            weight = COVERED_WEIGHT if position in covered else 1.0
            _add(result, stemmed, weight)
            if len(stemmed) > PREFIX_LENGTH + 1:
                _add(result, PREFIX_PREFIX + stemmed[:PREFIX_LENGTH], PREFIX_WEIGHT * weight)
            if (light[position],) in self._phrases:
                continue  # a thesaurus word says what it means: its parts need not
            parts = self._split(token)
            if parts and token in names and not self._compound_of_words(token):
                continue  # a place's name is no compound: 'Lewenborg' is no 'borg'
            self._add_parts(parts, token, position, weight, result, hits)
        for word, position in self._separable_verbs(text, tokens):
            _add(result, stem(word), 1.0)
            canonical = self._phrases.get((light_stem(word),))
            if canonical:
                _add(result, canonical, 1.0)
                key = canonical[len(SYNONYM_PREFIX) :]
                hits.append(ConceptHit(key, tokens[position], position))
        return result, hits

    def _add_parts(
        self,
        parts: tuple[str, ...],
        token: str,
        position: int,
        weight: float,
        terms: Terms,
        hits: list[ConceptHit],
    ) -> None:
        """A compound's parts and the concepts they name: its last part says what it is, its
        first part less, unless the last part adds little ('lobby|werk')."""
        light_tail = len(parts) > 1 and parts[1] in LIGHT_TAILS
        for index, part in enumerate(parts):
            _add(terms, stem(part), PART_WEIGHT)
            canonical = self._phrases.get((light_stem(part),))
            if not canonical:
                continue
            key = canonical[len(SYNONYM_PREFIX) :]
            if light_tail and index == 0:
                _add(terms, canonical, weight)
                hits.append(ConceptHit(key, token, position))
                continue
            _add(terms, canonical, PART_WEIGHT if index == 1 else HEAD_PART_WEIGHT)
            hits.append(ConceptHit(key, token, position, part=True, tail=index == 1))

    def _separable_verbs(self, text: str, tokens: list[str]) -> list[tuple[str, int]]:
        """The verbs whose particle ends a clause, joined with it ("leggen ... in": "inleggen"),
        where the content knows the joined word: the nearest word before the particle that
        makes one, with the verb's position. `tokens` are the text's words (repaired)."""
        joined: list[tuple[str, int]] = []
        if PARTICLES.isdisjoint(tokens):
            return joined
        start = 0
        for clause in _CLAUSE_BREAK.split(text):
            count = len(words(clause))
            clause_tokens = tokens[start : start + count]
            start += count
            for end, token in enumerate(clause_tokens):
                last = (
                    end + 1 == len(clause_tokens)
                    or clause_tokens[end + 1] in CLAUSE_ENDS
                    or clause_tokens[end + 1] in OBJECT_PREPOSITIONS
                )
                if token not in PARTICLES or not last:
                    continue
                for at in range(end - 1, max(-1, end - VERB_REACH - 1), -1):
                    verb = clause_tokens[at]
                    if verb in CLAUSE_ENDS:
                        break
                    if verb in STOP_WORDS and verb not in STOP_VERBS:
                        continue
                    word = self._joined_verb(token, verb)
                    if word:
                        joined.append((word, start - count + at))
                        break
        return joined

    def _joined_verb(self, particle: str, verb: str) -> str | None:
        """The particle joined with the verb as typed or as one of its infinitives, a word
        of the thesaurus first, else one of the content ("bij" + "draagt": "bijdragen")."""
        joined = [particle + form for form in (verb, *_infinitives(verb))]
        for word in joined:
            if (light_stem(word),) in self._phrases:
                return word
        return next((word for word in joined if stem(word) in self._vocabulary_stems), None)

    def _synonyms_in(
        self, tokens: list[str], stems: list[str], english: bool, capitals: set[str]
    ) -> list[ConceptHit]:
        """The thesaurus's phrases in the text, longest first; a phrase of several words is
        also found with fillers between its words ("doet het weer eens niet")."""
        found: list[ConceptHit] = []
        fillers = not FILLERS.isdisjoint(tokens)
        start = 0
        while start < len(stems):
            phrase = self._phrase_at(tokens, stems, start, english, capitals)
            if phrase is None and fillers:
                phrase = self._loose_phrase_at(tokens, stems, start)
            if phrase is None:
                start += 1
                continue
            length, canonical = phrase
            surface = " ".join(tokens[start : start + length])
            found.append(ConceptHit(canonical[len(SYNONYM_PREFIX) :], surface, start))
            start += length
        return found

    def _phrase_at(
        self, tokens: list[str], stems: list[str], start: int, english: bool, capitals: set[str]
    ) -> tuple[int, str] | None:
        """The longest phrase that starts here: its length and its canonical term. "OR" and
        "IT" in an English text only count in capitals, a first name only as written and not
        in capitals."""
        for length in range(min(self._longest_phrase, len(stems) - start), 0, -1):
            phrase = tuple(stems[start : start + length])
            canonical = self._phrases.get(phrase)
            if canonical is None:
                continue
            if phrase in self._guarded and english and tokens[start] not in capitals:
                continue
            if phrase in self._name_phrases and (
                tokens[start] not in self._first_names or tokens[start] in capitals
            ):
                continue
            return length, canonical
        return None

    def _loose_phrase_at(
        self, tokens: list[str], stems: list[str], start: int
    ) -> tuple[int, str] | None:
        """The longest phrase of several words that starts here when fillers are skipped:
        its length in the text and its canonical term."""
        if tokens[start] in FILLERS:
            return None
        kept: list[tuple[str, int]] = []  # (stem, end position in the text)
        for position in range(start, len(stems)):
            if tokens[position] in FILLERS:
                continue
            kept.append((stems[position], position + 1))
            if len(kept) == self._longest_phrase:
                break
        for count in range(len(kept), 1, -1):
            length = kept[count - 1][1] - start
            canonical = self._loose_phrases.get(tuple(word for word, _ in kept[:count]))
            if canonical and length > count:  # a filler stood between its words
                return length, canonical
        return None

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        """Parts of a compound word: the longest known tail, else the longest known head;
        the second part is always the word's tail.

        Dutch glues words with a linking s ('aanbestedings|plichtig'), which is dropped. A
        tail is never cut off a verbal prefix: 'vergunning|verlening', not '...ver|lening'.
        """
        if len(word) < MIN_COMPOUND:
            return ()
        cuts = range(MIN_PART, len(word) - MIN_PART + 1)
        for cut in cuts:
            if word[cut:] in self._vocabulary and not word[:cut].endswith(VERB_PREFIXES):
                head = _unlinked(word[:cut])
                return (head, word[cut:], *self._split(head))
        for cut in reversed(cuts):
            head = _unlinked(word[:cut])
            if head in self._vocabulary:
                return (head, word[cut:])
        return ()

    def _unknown_name(self, name: str) -> bool:
        """A name the content does not use, nor a compound of one of its words
        ('Archiefregeling')."""
        return name not in self._vocabulary and not self._compound_of_words(name)

    def _compound_of_words(self, word: str) -> bool:
        """Whether both parts of the word are words of the content."""
        parts = self._split(word)
        return bool(parts) and parts[0] in self._vocabulary and parts[1] in self._vocabulary

    def _complete(self, prefix: str) -> str:
        """The word the content uses most that starts with `prefix` (3 letters or more)."""
        if prefix in self._vocabulary or len(prefix) < MIN_COMPLETION:
            return prefix
        start = bisect.bisect_left(self._sorted_words, prefix)
        candidates = itertools.takewhile(
            lambda word: word.startswith(prefix), self._sorted_words[start:]
        )
        return max(candidates, key=lambda word: (self._counts[word], -len(word)), default=prefix)

    def _repair_uncached(self, token: str) -> str:
        """A word the content never uses is read as the closest word it does use, if close.

        Closeness is measured on spelling keys, so that the usual Dutch slips (a doubled or
        single letter, ij for ei) cost nothing and one or two other slips are forgiven.
        """
        if token in self._vocabulary or token in STOP_WORDS or len(token) < 5 or token.isdigit():
            return token
        if token in self._known:
            return token
        infinitive = self._infinitive(token)
        if infinitive or token in self._real_words():
            return infinitive or token
        key = _spelling_key(token)
        if key in self._by_spelling_key:
            return self._by_spelling_key[key]
        if len(token) < MIN_REPAIR:
            return token
        allowed_edits = 1 if len(token) < 10 else 2
        matches = process.extract(
            key, self._spelling_keys, scorer=OSA.distance, score_cutoff=allowed_edits, limit=8
        )
        close = [
            (edits, self._by_spelling_key[candidate])
            for candidate, edits, _ in matches
            if candidate[0] == key[0] and abs(len(candidate) - len(key)) <= 2
        ]
        # The fewest edits, then the longest common start ('partnes': 'partners', not 'parties').
        ranked = sorted(
            (edits, -len(os.path.commonprefix((word, token))), word) for edits, word in close
        )
        return ranked[0][2] if ranked else token

    def _infinitive(self, word: str) -> str | None:
        """The content's infinitive of a verb form it does not use ('betaalt': 'betalen',
        'archiveert': 'archiveren', 'beslist': 'beslissen'), rather than a look-alike word."""
        if len(word) < MIN_VERB_FORM:
            return None
        return next((form for form in _infinitives(word) if form in self._vocabulary), None)


def _infinitives(word: str) -> tuple[str, ...]:
    """The infinitives a verb form ending in -t may have ('draagt': 'dragen')."""
    if not word.endswith("t"):
        return ()
    base = word[:-1]
    return (
        base + "en",
        _LONG_VOWEL.sub(r"\1\2", base) + "en",
        base + base[-1] + "en",
        base + "n",
    )


_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)\b")


def _proper_names(text: str) -> set[str]:
    """Capitalised words inside a sentence ('in Lewenborg', 'de Zuiderburen'), as read."""
    return {word for match in _NAME.findall(text.strip()) for word in words(match)}


def _spelling_key(word: str) -> str:
    """'midellen' and 'middelen' share the key 'midelen'; 'entitijt' and 'entiteit' too."""
    word = word.replace("ij", "ei")
    return "".join(char for index, char in enumerate(word) if index == 0 or char != word[index - 1])


def _unlinked(head: str) -> str:
    return head[:-1] if head.endswith("s") and len(head) > MIN_PART else head


def _add(terms: Terms, term: str, weight: float) -> None:
    terms[term] = terms.get(term, 0.0) + weight
