"""Recognises a short question about a colleague named by name.

"Is Van den Heuvel vandaag op kantoor?", "mailadres van Bakker van JUR?": a capitalised word
that the content does not know, not at the start of a sentence, in a short message that also
says one of the words of out_of_scope.yaml `people` ("op kantoor", "mailadres"). Place names
are unknown capitalised words too, so the name alone decides nothing; and a long text is a
description, whose unknown words are the partners' names.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.domain.dutch import as_typed, contains_any, phrases, split_sentences, words
from bot.domain.models import PeopleQuestions

MAX_WORDS = 25  # a longer text describes a situation


class PersonRecogniser:
    def __init__(self, people: PeopleQuestions | None, vocabulary: frozenset[str]) -> None:
        self._context = phrases(people.context) if people else ()
        self._vocabulary = vocabulary

    def asks_about(self, text: str) -> bool:
        tokens = words(text)
        if not self._context or len(tokens) > MAX_WORDS:
            return False
        return contains_any(tokens, self._context) and any(
            self._is_name(word) for word in _inner_words(text)
        )

    def _is_name(self, word: str) -> bool:
        """Capitalised, not an acronym ("GGD"), and no word of the content's."""
        return (
            len(word) >= 3
            and word[0].isupper()
            and not word.isupper()
            and all(part not in self._vocabulary for part in words(word))
        )


def _inner_words(text: str) -> Iterator[str]:
    """The words of each sentence but its first, as typed."""
    for sentence in split_sentences(text):
        for chunk in sentence.split()[1:]:
            yield as_typed(chunk)
