"""Acting on an evaluation reminder: start, complete, postpone, switch reminders off or on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from botbuilder.core import TurnContext

from bot import cards
from bot.cards.actions import Action, CardAction, MomentRef, PartnershipRef
from bot.conversation.guard import PartnershipGuard
from bot.domain.content import Content
from bot.domain.dates import parse_date
from bot.domain.register import Partnership, recommend
from bot.domain.schedule import EvaluationEvent, EventKind, complete_moment
from bot.store.register import PartnershipRepository
from bot.teams.replies import send_card, sender


class EvaluationActions:
    def __init__(
        self,
        content: Content,
        partnerships: PartnershipRepository,
        administrators: frozenset[str],
        clock: Callable[[], datetime],
    ) -> None:
        self._content = content
        self._partnerships = partnerships
        self._guard = PartnershipGuard(partnerships, administrators, content.messages)
        self._clock = clock

    async def handle(self, context: TurnContext, card_action: CardAction) -> dict[str, Any] | None:
        """Returns the reminder card as it is once the moment was completed or moved."""
        action, value = card_action.action, card_action.values
        assert isinstance(card_action.payload, PartnershipRef | MomentRef)
        partnership = await self._guard.active(context, card_action.payload.id)
        if partnership is None:
            return None
        if action is Action.EVALUATION_START:
            recommendation = recommend(partnership, self._content.register)
            card = cards.evaluation_start_card(partnership, self._content, recommendation)
            await send_card(context, card)
        elif not self._guard.may_change(context, partnership):
            await context.send_activity(cards.partnership_not_allowed_text(self._content.messages))
        elif action in (Action.REMINDERS_OFF, Action.REMINDERS_ON):
            wanted = action is Action.REMINDERS_ON
            await self._partnerships.update(replace(partnership, reminders=wanted), self._clock())
            reply = cards.reminders_on_text if wanted else cards.reminders_off_text
            await context.send_activity(reply(self._content.messages, partnership.name))
        elif parse_date(str(value.get("due") or "")) != partnership.next_evaluation:
            await context.send_activity(
                cards.evaluation_already_changed_text(self._content.messages, partnership.name)
            )
        elif action is Action.EVALUATION_DONE:
            return await self._complete(context, partnership, value)
        else:
            return await self._postpone(context, partnership, value)
        return None

    async def _complete(
        self, context: TurnContext, partnership: Partnership, value: dict[str, Any]
    ) -> dict[str, Any]:
        note = str(value.get("note") or "").strip() or None
        changed, event = complete_moment(
            partnership, self._content.register, sender(context).id, self._clock(), note
        )
        await self._partnerships.update(changed, self._clock(), event)
        done = cards.evaluation_done_text(
            self._content.messages, partnership.name, changed.next_evaluation
        )
        await context.send_activity(done)
        return cards.used_card(self._content.messages, done)

    async def _postpone(
        self, context: TurnContext, partnership: Partnership, value: dict[str, Any]
    ) -> dict[str, Any] | None:
        new_date = parse_date(str(value.get("new_date") or ""))
        if new_date is None or new_date < self._clock().date():
            await context.send_activity(
                cards.registration_problems_text(self._content.messages, ["next_evaluation"])
            )
            return None
        due = partnership.next_evaluation or new_date
        reason = str(value.get("reason") or "").strip() or None
        event = self._event(partnership, "postponed", due, new_date, reason, context)
        changed = replace(partnership, next_evaluation=new_date)
        await self._partnerships.update(changed, self._clock(), event)
        done = cards.evaluation_postponed_text(self._content.messages, partnership.name, new_date)
        await context.send_activity(done)
        return cards.used_card(self._content.messages, done)

    def _event(
        self,
        partnership: Partnership,
        kind: EventKind,
        due: date,
        new_due: date | None,
        reason: str | None,
        context: TurnContext,
    ) -> EvaluationEvent:
        by = sender(context).id
        return EvaluationEvent(
            partnership.id or 0,
            kind,
            due,
            new_due,
            reason,
            by,
            self._clock(),
            moment_kind=partnership.evaluation_kind,
        )
