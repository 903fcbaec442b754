"""The appraisal (waarderingskader) in the conversation: 'evaluatie', starting it from a
reminder or a partnership, a stored result again, its Markdown, moving the phase back, and
registering an appraised partnership that was not in the register yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity

from bot import cards
from bot.cards import appraisal as appraisal_cards
from bot.cards import phase as phase_cards
from bot.cards.actions import (
    AppraisalPhase,
    AppraisalRef,
    AppraisalStart,
    CardAction,
    PartnershipRef,
)
from bot.conversation.guard import PartnershipGuard
from bot.conversation.guided import GuidedConversations
from bot.domain.appraisal import Appraisal, outcome, trend
from bot.domain.content import Content
from bot.store.appraisals import AppraisalRepository
from bot.store.register import PartnershipRepository
from bot.teams.replies import send_card, sender
from dialogs.appraisal import APPRAISAL_DIALOG
from dialogs.partnership import PARTNERSHIP_DIALOG


class AppraisalActions:
    def __init__(
        self,
        content: Content,
        partnerships: PartnershipRepository,
        appraisals: AppraisalRepository,
        administrators: frozenset[str],
        clock: Callable[[], datetime],
        guided: GuidedConversations,
    ) -> None:
        self._content = content
        self._partnerships = partnerships
        self._appraisals = appraisals
        self._guard = PartnershipGuard(partnerships, administrators, content.messages)
        self._clock = clock
        self._guided = guided

    @property
    def available(self) -> bool:
        return self._content.appraisal is not None

    async def on_command(self, context: TurnContext) -> None:
        """'evaluatie': pick one of one's partnerships, or appraise one not registered yet."""
        if not self.available:
            await context.send_activity(self._content.messages.say("appraisal_not_available"))
            return
        mine = await self._partnerships.mine(sender(context).id)
        await send_card(context, appraisal_cards.appraisal_list_card(self._content.messages, mine))

    async def on_start(self, context: TurnContext, action: CardAction) -> None:
        """'Start evaluatie' on a reminder, 'Evaluatie starten' on a partnership or in the list."""
        payload = action.payload
        assert isinstance(payload, AppraisalStart | PartnershipRef)
        mode = payload.mode if isinstance(payload, AppraisalStart) else "steps"
        if not self.available:
            await context.send_activity(self._content.messages.say("appraisal_not_available"))
            return
        if payload.id is not None and await self._guard.changeable(context, payload.id) is None:
            return
        await self._guided.begin(
            context, APPRAISAL_DIALOG, {"partnership": payload.id, "mode": mode}
        )

    async def on_show(self, context: TurnContext, action: CardAction) -> None:
        appraisal = await self._allowed(context, action)
        if appraisal is None or self._content.appraisal is None:
            await context.send_activity(self._content.messages.say("appraisal_unknown"))
            return
        file = self._content.appraisal
        previous = await self._previous(appraisal)
        result = outcome(appraisal.ratings, appraisal.waters, file)
        trends = trend(appraisal, previous, file)
        card = appraisal_cards.result_card(file, self._content, appraisal, result, trends, previous)
        await send_card(context, card)

    async def on_markdown(self, context: TurnContext, action: CardAction) -> None:
        appraisal = await self._allowed(context, action)
        if appraisal is None:
            await context.send_activity(self._content.messages.say("appraisal_unknown"))
            return
        await context.send_activity(
            Activity(type="message", text=appraisal.summary_markdown, text_format="markdown")
        )

    async def on_phase(self, context: TurnContext, action: CardAction) -> dict[str, Any] | None:
        """Yes: move the phase back to the one answered in the appraisal."""
        payload = action.payload
        assert isinstance(payload, AppraisalPhase)
        partnership = await self._guard.changeable(context, payload.id)
        if partnership is None:
            return None
        register = self._content.register
        if payload.phase not in {phase.key for phase in register.phases}:
            await context.send_activity(cards.unknown_item_text(self._content.messages))
            return None
        await self._partnerships.update(replace(partnership, phase=payload.phase), self._clock())
        done = self._content.messages.say(
            "appraisal_phase_moved_back",
            name=partnership.name,
            phase=appraisal_cards.phase_label(register, payload.phase),
        )
        await context.send_activity(done)
        return cards.used_card(self._content.messages, done)

    async def on_importance(self, context: TurnContext, action: CardAction) -> None:
        """'Belang bepalen' on the partnership card: the level chosen, or none."""
        payload = action.payload
        assert isinstance(payload, PartnershipRef)
        partnership = await self._guard.changeable(context, payload.id)
        if partnership is None:
            return
        levels = {level.key: level.label for level in self._content.register.importance_levels}
        chosen = str(action.values.get("importance") or "")
        if chosen and chosen not in levels:
            await context.send_activity(cards.unknown_item_text(self._content.messages))
            return
        importance = chosen or None
        changed = replace(partnership, importance=importance)
        await self._partnerships.update(changed, self._clock())
        messages = self._content.messages
        if importance is None:
            done = messages.say("appraisal_importance_cleared", name=partnership.name)
        else:
            done = messages.say(
                "appraisal_importance_set", name=partnership.name, importance=levels[chosen].lower()
            )
        register = self._content.register
        if phase_cards.regime_elements(messages, changed, register, may_change=True):
            await send_card(
                context, phase_cards.importance_set_card(messages, done, changed, register)
            )
        else:
            await context.send_activity(done)

    async def on_register(self, context: TurnContext, action: CardAction) -> None:
        """Register the partnership of an appraisal that had none: the registration form; the
        appraisal is linked to the new partnership once registered."""
        appraisal = await self._allowed(context, action)
        if appraisal is None or appraisal.partnership_id is not None:
            await context.send_activity(self._content.messages.say("appraisal_unknown"))
            return
        options = {"mode": "steps", "appraisal": appraisal.id, "name": appraisal.partnership_name}
        await self._guided.begin(context, PARTNERSHIP_DIALOG, options)

    async def _allowed(self, context: TurnContext, action: CardAction) -> Appraisal | None:
        """The appraisal of the button, when this person filled it in or may change its
        partnership."""
        payload = action.payload
        assert isinstance(payload, AppraisalRef)
        appraisal = await self._appraisals.get(payload.appraisal)
        if appraisal is None:
            return None
        person = sender(context).id
        if appraisal.user_id == person:
            return appraisal
        partnership = (
            await self._partnerships.get(appraisal.partnership_id)
            if appraisal.partnership_id
            else None
        )
        if partnership is not None and self._guard.may_change(context, partnership):
            return appraisal
        return None

    async def _previous(self, appraisal: Appraisal) -> Appraisal | None:
        if appraisal.partnership_id is None:
            return None
        older = [
            a
            for a in await self._appraisals.for_partnership(appraisal.partnership_id)
            if (a.completed_at, a.id or 0) < (appraisal.completed_at, appraisal.id or 0)
        ]
        return older[0] if older else None
