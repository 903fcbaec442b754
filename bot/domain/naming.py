"""How a text names what it asks for: a framework or a team by name, a framework by the
words only its sections use, one framework among several, or an entry by its full name.

Built once from content and the matcher's entries; the matcher uses it to weigh the kinds
of entries: the checklist comes first, unless the text asks for a model or a team.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from bot.domain.analyzer import PREFIX_PREFIX, SYNONYM_PREFIX, Analyzer, Terms
from bot.domain.content import Content
from bot.domain.dutch import STOP_WORDS, stem, words
from bot.domain.entries import Entry

SECTION_TERM_LENGTH = 6  # a framework's describing word this long may ask for a framework


class Names:
    """`checklist`: every term the checklist entries use (those never ask for anything)."""

    def __init__(
        self, content: Content, analyzer: Analyzer, entries: Sequence[Entry], checklist: set[str]
    ) -> None:
        self._content = content
        self._analyzer = analyzer
        self.asking_framework, self.asking_expert = self._request_terms(checklist)
        self._section_terms = {  # framework root -> the terms of its sections' titles
            framework.id: frozenset(
                term for section in framework.sections for term in self._own(section.title)
            )
            for framework in content.frameworks
        }
        self._framework_names = {  # a framework's own name: "waarderingskader", "fasenmodel"
            stem(word): framework.title
            for framework in content.frameworks
            for word in words(framework.title)
            if word not in STOP_WORDS
            and stem(word) not in checklist
            and not analyzer.in_thesaurus(stem(word))
        }
        part_of_form = {form.key: form.principles for form in content.register.forms}
        self._part_of_concept = {  # "=gemeenschappelijke-regeling" -> "A"
            SYNONYM_PREFIX + concept.key: part_of_form[concept.form]
            for concept in content.thesaurus
            if concept.form in part_of_form
        }
        self._principles_of_part = {
            part: frozenset(
                section.id
                for framework in content.frameworks
                for section in framework.sections
                if section.id.startswith(f"principe-{part.lower()}")
            )
            for part in ("A", "B")
        }
        titles = {entry.id: entry.title for entry in entries}
        in_a = {titles[id_] for id_ in self._principles_of_part["A"]}
        self._shared_in_b = frozenset(  # part B's principles with a namesake in part A
            id_ for id_ in self._principles_of_part["B"] if titles[id_] in in_a
        )
        with_title: dict[str, set[int]] = defaultdict(set)
        for index, entry in enumerate(entries):  # a section's full name has its framework's
            for term in analyzer.terms(f"{entry.title} {entry.theme or ''}"):
                with_title[term].add(index)
        self._with_title = {term: frozenset(ids) for term, ids in with_title.items()}

    def asks(self, terms: Terms) -> tuple[bool, bool]:
        """Whether the text asks for a framework, and whether it asks for a team."""
        return (
            any(term in self.asking_framework for term in terms),
            any(term in self.asking_expert for term in terms),
        )

    def roots_of_named_sections(self, terms: Terms) -> set[str]:
        """The frameworks (by id) one of whose sections' titles the text uses."""
        return {root for root, section in self._section_terms.items() if terms.keys() & section}

    def other_frameworks(self, terms: Terms) -> frozenset[str | None]:
        """The frameworks (by title) a text that names one framework by its own name
        ("welke fasen kent het waarderingskader") does not ask for."""
        named = {self._framework_names[term] for term in terms if term in self._framework_names}
        if len(named) != 1:
            return frozenset()
        return frozenset(f.title for f in self._content.frameworks if f.title not in named)

    def other_part(self, terms: Terms) -> tuple[frozenset[str], bool]:
        """The principles (by section id) of the other part of the regional guide, when the
        text names forms of one part only: a "gr" is part A (Wgr), a "convenant" or a
        "netwerk" part B (register.yaml `principles`; sections are `principe-a…` and
        `principe-b…`). A text that names no form gets those of part B that share their name
        with one of part A: the guide treats such a theme in full in part A, and part B
        refers back to it. The flag says whether the text named a form."""
        named = {self._part_of_concept[term] for term in terms if term in self._part_of_concept}
        if not named:
            return self._shared_in_b, False
        if len(named) != 1:
            return frozenset(), True
        return self._principles_of_part[next(iter({"A", "B"} - named))], True

    def titled(self, vector: dict[str, float], cover: float) -> frozenset[int]:
        """The entries whose full name (title, with its theme or framework) holds at least
        `cover` of what a text says (squared TF-IDF), and more of it than any other name:
        "soft controls" names the principles titled "Soft controls: cultuur, houding, ...",
        "wat is richten in de governancecyclus" the cycle's step Richten, not the cycle."""
        total = sum(value * value for value in vector.values())
        covered: dict[int, float] = defaultdict(float)
        for term, value in vector.items():
            for index in self._with_title.get(term, ()):
                covered[index] += value * value
        floor = max(cover * total, max(covered.values(), default=0.0) - 1e-9)
        return frozenset(index for index, share in covered.items() if share >= floor)

    def _request_terms(self, checklist: set[str]) -> tuple[frozenset[str], frozenset[str]]:
        """Terms that ask for a framework or a team: the words of their names (framework
        titles, team codes and names) that no checklist item uses, and the thesaurus concepts
        marked `asks`. The words a framework is described with (its phrasings, its sections'
        titles and cell questions: "kennisroutines", "systeemverantwoordelijkheid") ask for it
        too, when they are long enough to be telling and neither the checklist, the thesaurus
        nor an out-of-scope example uses them."""
        content = self._content
        names: dict[str, list[str]] = {
            "framework": [framework.title for framework in content.frameworks],
            "expert": [text for e in content.experts.values() for text in (e.code, e.name)],
        }
        asked: dict[str, set[str]] = {
            kind: {term for text in texts for term in self._own(text)} - checklist
            for kind, texts in names.items()
        }
        declined = {term for text in content.out_of_scope for term in self._own(text)}
        described = [
            text
            for framework in content.frameworks
            for text in (
                *framework.phrasings,
                *(text for s in framework.sections for text in (s.title, *s.questions)),
            )
        ]
        asked["framework"] |= {
            term
            for text in described
            for term in self._own(text)
            if len(term) >= SECTION_TERM_LENGTH
            and not self._analyzer.in_thesaurus(term)
            and term not in checklist
            and term not in declined
        }
        for concept in content.thesaurus:
            if concept.asks:
                asked[concept.asks].add(SYNONYM_PREFIX + concept.key)
        for code in content.experts:
            asked["expert"].update(words(code))
        return frozenset(asked["framework"]), frozenset(asked["expert"])

    def _own(self, text: str) -> set[str]:
        """The text's word stems and compound parts, without thesaurus concepts or prefixes."""
        return {
            term
            for term in self._analyzer.terms(text)
            if not term.startswith((PREFIX_PREFIX, SYNONYM_PREFIX))
        }
