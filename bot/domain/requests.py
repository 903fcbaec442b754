"""Recognises a message that asks the bot to do something instead of asking a question.

"schrijf een uitnodiging voor de kick-off", "plan een overleg met de wethouders", "kun je
deze mail vertalen": the bot answers questions about partnerships; it writes, plans, books
and sends nothing. "Stuur me de vragen over privacy" asks for what the bot gives, so it is a
question. Which words make a request is content (out_of_scope.yaml `requests`).
"""

from __future__ import annotations

from bot.domain.dutch import contains_any, phrases, split_sentences, starts_with, words
from bot.domain.models import TaskRequests


class RequestRecogniser:
    def __init__(self, requests: TaskRequests | None) -> None:
        requests = requests or TaskRequests()
        self._commands = phrases(requests.commands)
        self._openers = phrases(requests.openers)
        self._verbs = frozenset(requests.verbs)
        self._own = phrases(requests.own)

    def asks(self, text: str) -> bool:
        """Some sentence opens with a command, or opens politely and names a request verb,
        and asks for nothing the bot gives itself (the guide's questions, an overview); and
        no other sentence asks a question ("Kun je een mail opstellen? En wat moet ik met de
        partners afspreken?" asks a question too)."""
        sentences = split_sentences(text)
        requests = {sentence for sentence in sentences if self._asks(words(sentence))}
        return bool(requests) and not any(
            sentence.endswith("?") for sentence in sentences if sentence not in requests
        )

    def _asks(self, tokens: list[str]) -> bool:
        if contains_any(tokens, self._own):
            return False
        polite = False
        while opener := _opening(tokens, self._openers):
            tokens, polite = tokens[len(opener) :], True
        if _opening(tokens, self._commands):
            return True
        return polite and not self._verbs.isdisjoint(tokens)


def _opening(tokens: list[str], candidates: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The first of the candidate phrases that the tokens start with."""
    first = tokens[0] if tokens else None
    return next((c for c in candidates if c[0] == first and starts_with(tokens, c)), None)
