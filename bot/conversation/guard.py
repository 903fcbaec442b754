"""The one check before a partnership is changed: it still exists, is not archived, and the
person asking may change it (account holder, creator or administrator)."""

from __future__ import annotations

from botbuilder.core import TurnContext

from bot import cards
from bot.domain.messages import Messages
from bot.domain.register import Partnership
from bot.store.register import PartnershipRepository
from bot.teams.replies import sender


class PartnershipGuard:
    def __init__(
        self,
        partnerships: PartnershipRepository,
        administrators: frozenset[str],
        messages: Messages,
    ) -> None:
        self._partnerships = partnerships
        self._administrators = administrators
        self._messages = messages

    def may_change(self, context: TurnContext, partnership: Partnership) -> bool:
        return partnership.may_change(sender(context).id, self._administrators)

    async def active(self, context: TurnContext, partnership_id: int | None) -> Partnership | None:
        """The partnership if it exists and is not archived; otherwise says so, and None."""
        partnership = await self._partnerships.get(partnership_id) if partnership_id else None
        if partnership is None or partnership.archived:
            name = partnership.name if partnership else None
            await context.send_activity(cards.stale_partnership_text(self._messages, name))
            return None
        return partnership

    async def changeable(
        self, context: TurnContext, partnership_id: int | None
    ) -> Partnership | None:
        """As `active`, and only when the person may change it (else says so, and None)."""
        partnership = await self.active(context, partnership_id)
        if partnership is None:
            return None
        if not self.may_change(context, partnership):
            await context.send_activity(cards.partnership_not_allowed_text(self._messages))
            return None
        return partnership
