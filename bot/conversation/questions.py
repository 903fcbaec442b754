"""Free-text questions: the answer card, 'Bedoel je…', out of scope, and feedback on answers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext

from bot import cards
from bot.cards.actions import CardAction, Feedback
from bot.cards.tickets import ask_expert_action, ask_offer_card
from bot.cards.used import settled
from bot.conversation.commands import pick_option
from bot.conversation.memory import ConversationMemory
from bot.domain.content import Content
from bot.domain.matcher import Matcher, MatchResult
from bot.domain.triage import Triager
from bot.store.feedback import FeedbackKind, FeedbackRepository
from bot.teams.replies import send_card

log = logging.getLogger(__name__)


class Questions:
    def __init__(
        self,
        content: Content,
        matcher: Matcher,
        memory: ConversationMemory,
        feedback: FeedbackRepository,
        *,
        store_question_text: bool,
        clock: Callable[[], datetime],
    ) -> None:
        self._content = content
        self._matcher = matcher
        self._triager = Triager(content, matcher)
        self._entries = {entry.id: entry for entry in matcher.entries}
        self._memory = memory
        self._feedback = feedback
        self._store_question_text = store_question_text
        self._clock = clock

    def looks_like_question(self, text: str) -> bool:
        """A question rather than an answer to a prompt: it ends in '?' or clearly matches."""
        if text.rstrip().endswith("?"):
            return True
        result = self._matcher.match(text)
        confident = self._matcher.tuning.confident_score
        return result.decision == "answer" and result.matches[0].score >= confident

    async def answer(self, context: TurnContext, text: str) -> None:
        memory = await self._memory.get(context)
        options: list[str] = memory.get("options", [])
        picked = pick_option(text, len(options))
        if picked is not None and options[picked] in self._entries:
            await self.show(context, options[picked])
            return
        if context.activity.conversation.conversation_type in (None, "personal"):
            memory["last_question"] = text  # to put it to an expert team ("Vraag een expert")
        result = self._matcher.match(text)
        log.info("question answered", extra={"decision": result.decision, "entry": _best(result)})
        memory["options"] = (
            [m.entry.id for m in result.options] if result.decision == "clarify" else []
        )
        if result.decision == "answer":
            await send_card(context, cards.answer_card(result.options[0].entry, self._content))
            return
        if result.decision == "smalltalk":  # not a question: no feedback record
            await self._small_talk(context, result.smalltalk)
            return
        if result.decision == "situation":
            triage = self._triager.triage(text)
            await send_card(context, cards.situation_card(triage, self._content))
            return
        kind: FeedbackKind = "unclear" if result.decision == "clarify" else "unanswered"
        question = text if self._store_question_text else None
        await self._feedback.record(kind, _best(result), question, self._clock())
        if result.decision == "clarify":
            card = cards.clarify_card(result, self._content)
        else:
            card = cards.out_of_scope_card(self._content, result.referral)
        if result.matches and _real_question(text):  # on topic, but no sure answer: ask a team
            ask = ask_expert_action(self._content.messages, None, text)
            card = {**card, "actions": [*card["actions"], ask]}
        await send_card(context, card)

    async def _small_talk(self, context: TurnContext, kind: str | None) -> None:
        await context.send_activity(
            cards.small_talk_text(self._content.messages, kind or "unclear_chat")
        )
        if kind == "yes_no":
            await send_card(context, cards.themes_card(self._content))

    async def show(self, context: TurnContext, entry_id: str) -> bool:
        """The answer card of one entry (a clicked option); False when it no longer exists."""
        entry = self._entries.get(entry_id)
        if entry is None or entry.kind == "out_of_scope":
            await context.send_activity(cards.unknown_item_text(self._content.messages))
            return False
        (await self._memory.get(context))["options"] = []
        await send_card(context, cards.answer_card(entry, self._content))
        return True

    async def on_feedback(self, context: TurnContext, action: CardAction) -> dict[str, Any] | None:
        payload = action.payload
        assert isinstance(payload, Feedback)
        if payload.id not in self._entries:
            await context.send_activity(cards.unknown_item_text(self._content.messages))
            return None
        kind: FeedbackKind = "helpful" if payload.helpful else "not_helpful"
        await self._feedback.record(kind, payload.id, None, self._clock())
        thanks = cards.feedback_thanks(self._content.messages, payload.helpful)
        await context.send_activity(thanks)
        if not payload.helpful:
            await send_card(context, ask_offer_card(self._content.messages, payload.id))
        return settled(cards.answer_card(self._entries[payload.id], self._content), thanks)


def _real_question(text: str) -> bool:
    """Worth putting to an expert team: a question mark, or a sentence of some length."""
    return text.rstrip().endswith("?") or len(text.split()) >= 6


def _best(result: MatchResult) -> str | None:
    return result.matches[0].entry.id if result.matches else None
