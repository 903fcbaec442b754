"""'overzicht': administrators download every partnership with its latest appraisal as CSV,
for the council and the college, through a signed link that works for a short while."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from botbuilder.core import TurnContext

from bot.cards.overview import overview_card
from bot.domain.messages import Messages
from bot.teams.replies import send_card, sender


class Overview:
    def __init__(
        self,
        messages: Messages,
        administrators: frozenset[str],
        export_url: Callable[[datetime], str | None],
        clock: Callable[[], datetime],
    ) -> None:
        self._messages = messages
        self._administrators = administrators
        self._export_url = export_url
        self._clock = clock

    async def show(self, context: TurnContext) -> None:
        if sender(context).id not in self._administrators:
            await context.send_activity(self._messages.say("overview_admins_only"))
            return
        url = self._export_url(self._clock())
        if url is None:
            await context.send_activity(self._messages.say("overview_no_public_url"))
            return
        await send_card(context, overview_card(self._messages, url))
