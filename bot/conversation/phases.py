"""'fase' and the next phase, 'governancecyclus', who does what per form of partnership, and
applying the evaluation regime a partnership's importance proposes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext

from bot import cards
from bot.cards import phase as phase_cards
from bot.cards.actions import CardAction, PartnershipRef, PhaseNext, RolesRef
from bot.conversation.guard import PartnershipGuard
from bot.domain.content import Content
from bot.domain.phases import guide, importance_level
from bot.domain.register import Partnership
from bot.store.register import PartnershipRepository
from bot.teams.replies import send_card, sender


class PhaseActions:
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

    async def on_command(self, context: TurnContext) -> None:
        """'fase': the one partnership's phase, a choice among several, or the phases."""
        mine = await self._partnerships.mine(sender(context).id)
        if not mine:
            await send_card(context, phase_cards.phases_card(self._content))
        elif len(mine) == 1:
            await self._show(context, mine[0])
        else:
            await send_card(context, phase_cards.phase_pick_card(mine, self._content))

    async def on_cycle(self, context: TurnContext) -> None:
        await send_card(context, phase_cards.cycle_card(self._content))

    async def on_show(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, PartnershipRef)
        partnership = await self._guard.active(context, action.payload.id)
        if partnership is not None:
            await self._show(context, partnership)

    async def on_next(self, context: TurnContext, action: CardAction) -> dict[str, Any] | None:
        """'Naar de volgende fase': only from the phase the card showed, and past a formal
        decision only with 'Besluit genomen'."""
        payload = action.payload
        assert isinstance(payload, PhaseNext)
        partnership = await self._guard.changeable(context, payload.id)
        if partnership is None:
            return None
        messages = self._content.messages
        current = guide(self._content, partnership.phase)
        following = current.next_phase if current else None
        if partnership.phase != payload.phase or current is None or following is None:
            shown = current.phase if current else None
            label = shown.label if shown else partnership.phase
            await context.send_activity(
                messages.say("phase_already_moved", name=partnership.name, phase=label)
            )
            return None
        if current.decision is not None and not payload.decided:
            await context.send_activity(messages.say("phase_decision_needed"))
            return None
        moved = replace(partnership, phase=following.key)
        await self._partnerships.update(moved, self._clock())
        await context.send_activity(
            messages.say("phase_moved", name=moved.name, phase=following.label)
        )
        return self._card(context, moved)

    async def on_roles(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, RolesRef)
        await send_card(context, phase_cards.roles_card(self._content, action.payload.part))

    async def on_regime(self, context: TurnContext, action: CardAction) -> None:
        """'Evaluatieregime toepassen': the rhythm and kind of moment its importance proposes."""
        assert isinstance(action.payload, PartnershipRef)
        partnership = await self._guard.changeable(context, action.payload.id)
        if partnership is None:
            return
        register = self._content.register
        level = importance_level(register, partnership.importance)
        if level is None or level.regime is None:
            await context.send_activity(self._content.messages.say("regime_none"))
            return
        regime = level.regime
        changed = replace(
            partnership, cadence=regime.cadence, evaluation_kind=regime.evaluation_kind
        )
        await self._partnerships.update(changed, self._clock())
        cadence = next(c.label for c in register.cadences if c.key == regime.cadence)
        await context.send_activity(
            self._content.messages.say(
                "regime_applied",
                name=changed.name,
                cadence=cadence,
                kind=register.evaluation_kind_labels[regime.evaluation_kind],
            )
        )

    async def _show(self, context: TurnContext, partnership: Partnership) -> None:
        card = self._card(context, partnership)
        if card is None:
            await context.send_activity(cards.unknown_item_text(self._content.messages))
        else:
            await send_card(context, card)

    def _card(self, context: TurnContext, partnership: Partnership) -> dict[str, Any] | None:
        found = guide(self._content, partnership.phase)
        if found is None:
            return None
        may_change = self._guard.may_change(context, partnership)
        return phase_cards.phase_card(partnership, found, self._content, may_change)
