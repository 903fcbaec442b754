"""Recognises a message that asks the bot to do something instead of asking a question.

"schrijf een uitnodiging voor de kick-off", "plan een overleg met de wethouders", "kun je
deze mail vertalen": the bot answers questions about partnerships; it writes, plans, books
and sends nothing. "Stuur me de vragen over privacy" asks for what the bot gives, so it is a
question. Which words make a request is content (out_of_scope.yaml `requests`).
"""

from __future__ import annotations

from bot.domain.dutch import split_sentences, words
from bot.domain.models import TaskRequests


class RequestRecogniser:
    def __init__(self, requests: TaskRequests | None) -> None:
        requests = requests or TaskRequests()
        self._commands = _phrases(requests.commands)
        self._openers = _phrases(requests.openers)
        self._verbs = frozenset(requests.verbs)
        self._own = _phrases(requests.own)

    def asks(self, text: str) -> bool:
        """Some sentence opens with a command, or opens politely and names a request verb,
        and asks for nothing the bot gives itself (the guide's questions, an overview)."""
        return any(self._asks(words(sentence)) for sentence in split_sentences(text))

    def _asks(self, tokens: list[str]) -> bool:
        if any(_contains(tokens, phrase) for phrase in self._own):
            return False
        polite = False
        while opener := next((o for o in self._openers if _starts(tokens, o)), None):
            tokens, polite = tokens[len(opener) :], True
        if any(_starts(tokens, command) for command in self._commands):
            return True
        return polite and not self._verbs.isdisjoint(tokens)


def _phrases(texts: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(words(text)) for text in texts if words(text))


def _starts(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    return tuple(tokens[: len(phrase)]) == phrase


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    return any(_starts(tokens[start:], phrase) for start in range(len(tokens)))
