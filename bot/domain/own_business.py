"""Recognises a question about the municipality's own business rather than a partnership.

"Hoe vul ik de risicoparagraaf van onze eigen begroting in?", "moeten we de schoonmaak van
het stadskantoor aanbesteden?": the domain's words (begroting, aanbesteding, archief) about
the organisation itself. The text says so with a marker of out_of_scope.yaml `own_business`
("onze eigen", "het stadhuis", "ons team") and names no partner: none of its `partners`
concepts, none of its `partner_words` (misspelt ones too, through the analyser's repaired
stems, and stop words such as "dit", which the analyser drops) and no capitalised name after
one of its `before_names` ("met Delfland", "namens HZ"), and no abbreviation the content
does not know ("de MRE": a partner's; the own departments' are among the markers). A long
text describes a situation, whose partners go by names of their own.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.analyzer import ConceptHit, Terms
from bot.domain.dutch import as_typed, contains_any, normalize, phrases, stem, words
from bot.domain.models import OwnBusiness

ARTICLES = frozenset({"de", "het", "the"})
MAX_WORDS = 30  # a longer text describes a situation


class OwnBusinessRecogniser:
    def __init__(self, own: OwnBusiness | None) -> None:
        self._markers = phrases(own.markers) if own else ()
        self._partners = frozenset(own.partners) if own else frozenset()
        self._partner_stems = frozenset(stem(word) for word in (own.partner_words if own else ()))
        self._before_names = frozenset(own.before_names) if own else frozenset()
        self.refer = own.refer if own else None

    def says(
        self,
        text: str,
        terms: Terms,
        hits: list[ConceptHit],
        known: Callable[[str], bool] = lambda term: True,
    ) -> bool:
        """`known`: whether the content uses a term (an abbreviation it does not is a name)."""
        tokens = words(text)
        return (
            len(tokens) <= MAX_WORDS
            and contains_any(tokens, self._markers)
            and not any(hit.key in self._partners for hit in hits)
            and self._partner_stems.isdisjoint({*terms, *map(stem, tokens)})
            and not self._names_partner(text)
            and all(known(stem(word)) for word in _abbreviations(text))
        )

    def _names_partner(self, text: str) -> bool:
        """A capitalised word after "met" or "namens", past an article: "met de HZ"."""
        chunks = [as_typed(chunk) for chunk in text.split()]
        for index, chunk in enumerate(chunks[:-1]):
            if normalize(chunk) not in self._before_names:
                continue
            rest = chunks[index + 1 : index + 3]
            name = rest[1] if len(rest) > 1 and normalize(rest[0]) in ARTICLES else rest[0]
            if name[:1].isupper():
                return True
        return False


def _abbreviations(text: str) -> list[str]:
    """The words of three letters or more written in capitals only ("MRE", "ODZOB")."""
    return [
        word.lower() for word in map(as_typed, text.split()) if len(word) > 2 and word.isupper()
    ]
