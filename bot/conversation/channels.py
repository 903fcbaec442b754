"""Binding an expert team to its own Teams channel: `koppel dit kanaal aan JUR`, `kanalen`,
`ontkoppel JUR`; and unbinding when Teams says a channel or team is gone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from botbuilder.core import TurnContext

from bot.cards.tickets import bound_text, channels_card
from bot.conversation.commands import Command, ParsedCommand
from bot.conversation.experts import Deliver
from bot.domain.content import Content
from bot.domain.dutch import normalize
from bot.domain.models import Expert
from bot.store.tickets import Notice, StaleTicket, TicketRepository
from bot.teams.activity import channel_of, team_of
from bot.teams.members import is_team_owner
from bot.teams.replies import send_card, sender

log = logging.getLogger(__name__)


class ChannelBindings:
    def __init__(
        self,
        content: Content,
        tickets: TicketRepository,
        administrators: frozenset[str],
        clock: Callable[[], datetime],
        deliver: Deliver,
    ) -> None:
        self._content = content
        self._messages = content.messages
        self._tickets = tickets
        self._administrators = administrators
        self._clock = clock
        self._deliver = deliver

    async def on_command(self, context: TurnContext, parsed: ParsedCommand) -> None:
        """`koppel dit kanaal aan JUR`, `ontkoppel JUR`, `kanalen` (in a team channel)."""
        activity = context.activity
        if (activity.conversation.conversation_type or "personal") != "channel":
            await context.send_activity(self._messages.say("ticket_bind_only_in_channel"))
            return
        if not await self._may_bind(context):
            await context.send_activity(self._messages.say("ticket_bind_not_allowed"))
            return
        if parsed.command is Command.CHANNELS:
            await self._list(context)
            return
        expert = self._find_team(parsed.argument)
        if expert is None:
            await context.send_activity(
                self._messages.say(
                    "ticket_bind_unknown_team", codes=", ".join(self._content.experts)
                )
                if parsed.argument
                else self._messages.say("ticket_bind_which_team")
            )
        elif parsed.command is Command.BIND_CHANNEL:
            await self._bind(context, expert)
        elif await self._tickets.unbind(expert.code, "unbound", self._clock()):
            await context.send_activity(self._messages.say("ticket_unbound", team=expert.name))
        else:
            await context.send_activity(self._messages.say("ticket_not_bound", team=expert.name))

    async def _may_bind(self, context: TurnContext) -> bool:
        """Administrators (ADMIN_USER_IDS); without any, the owners of the team, as Teams says."""
        if self._administrators:
            return sender(context).id in self._administrators
        return await is_team_owner(context)

    def _find_team(self, typed: str) -> Expert | None:
        wanted = normalize(typed)
        if not wanted:
            return None
        for expert in self._content.experts.values():
            names = {normalize(expert.code), normalize(expert.name)}
            names.add(normalize(expert.name.split("(")[0]))
            if wanted in names:
                return expert
        return None

    async def _bind(self, context: TurnContext, expert: Expert) -> None:
        activity = context.activity
        channel = channel_of(activity)
        reference = TurnContext.get_conversation_reference(activity).serialize()
        reference.pop("user", None)  # a channel's reference needs no one's name
        reference.pop("activityId", None)  # tickets start threads, not replies to this one
        reference["conversation"] = {**reference.get("conversation", {}), "id": channel}
        now = self._clock()
        before = [b for b in await self._tickets.bindings() if b.team == expert.code]
        moved = bool(before) and before[0].channel_id != channel
        by = sender(context).id
        await self._tickets.bind(expert.code, channel, team_of(activity), reference, by, now)
        waiting = await self._tickets.find(team=expert.code, unrouted=True)
        if moved:  # open tickets whose card is in the team's old channel: posted here anew
            waiting += [
                t for t in await self._tickets.open_tickets() if t.team == expert.code and t.routed
            ]
        for ticket in waiting:
            after = replace(
                ticket, updated_at=max(now, ticket.updated_at), routed=False,
                channel_activity_id=None,
            )  # fmt: skip
            try:
                await self._tickets.record(ticket, after, "routed", None, None, None,
                                     [Notice("channel_post", team=expert.code)])  # fmt: skip
            except StaleTicket:
                continue
        log.info("channel bound", extra={"team": expert.code, "waiting": len(waiting)})
        await context.send_activity(bound_text(self._messages, expert.name, len(waiting)))
        if waiting:
            await self._deliver(now, None)

    async def _list(self, context: TurnContext) -> None:
        bindings = await self._tickets.bindings()
        active = [(b.team, b.channel_id) for b in bindings if b.active]
        ended = [
            (b.team, b.unbound_reason or "", self._content.messages.date(b.unbound_at.date()))
            for b in bindings
            if not b.active and b.unbound_reason != "unbound" and b.unbound_at is not None
        ]
        await send_card(context, channels_card(self._messages, active, ended))

    # --- Teams tells that a channel or team is gone ----------------------------------------

    async def channel_gone(self, channel_id: str, reason: str) -> None:
        teams = await self._tickets.unbind_channel(channel_id, reason, self._clock())
        if teams:
            log.warning("bound channel gone", extra={"teams": teams, "reason": reason})

    async def team_gone(self, team_id: str, reason: str) -> None:
        teams = await self._tickets.unbind_team_id(team_id, reason, self._clock())
        if teams:
            log.warning("bound team gone", extra={"teams": teams, "reason": reason})
