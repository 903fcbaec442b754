"""The steps on a ticket: the team picks it up, answers, forwards or closes it from its own
channel; the asker marks it solved or asks a follow-up in personal chat. Every change is
stored with the notifications it causes, sent at once through the ticket notifier."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext

from bot.cards.actions import Action, CardAction, TicketRef
from bot.cards.common import Card
from bot.cards.tickets import asker_update_card, team_name, wrong_state_text
from bot.cards.used import settled
from bot.conversation.experts import Deliver
from bot.domain.content import Content
from bot.domain.tickets import (
    TEAM_STEPS,
    Role,
    Step,
    StepRefused,
    Ticket,
    TicketStatus,
    next_status,
    role_of,
)
from bot.store.tickets import Notice, StaleTicket, TicketRepository
from bot.teams.activity import channel_of
from bot.teams.replies import sender

log = logging.getLogger(__name__)
STEPS = {
    Action.TICKET_PICK_UP: Step.PICK_UP,
    Action.TICKET_ANSWER: Step.ANSWER,
    Action.TICKET_FORWARD: Step.FORWARD,
    Action.TICKET_CLOSE: Step.CLOSE,
    Action.TICKET_RESOLVED: Step.RESOLVE,
    Action.TICKET_FOLLOW_UP: Step.FOLLOW_UP,
}


class TicketSteps:
    def __init__(
        self,
        content: Content,
        tickets: TicketRepository,
        clock: Callable[[], datetime],
        deliver: Deliver,
    ) -> None:
        self._content = content
        self._messages = content.messages
        self._tickets = tickets
        self._clock = clock
        self._deliver = deliver

    async def on_step(self, context: TurnContext, action: CardAction) -> Card | None:
        payload = action.payload
        assert isinstance(payload, TicketRef)
        step = STEPS[action.action]
        ticket = await self._tickets.get(payload.ticket)
        if ticket is None:
            await context.send_activity(self._messages.say("ticket_unknown"))
            return None
        role = await self._role(context, ticket)
        try:
            status = next_status(ticket, step, role)
        except StepRefused as refused:
            await context.send_activity(self._refusal(ticket, step, refused.reason))
            log.info("ticket step refused", extra={"ticket": ticket.id, "step": step.value})
            return None
        change = await self._change(context, ticket, step, status, action.values)
        if change is None:
            return None
        after, note, notices = change
        person = sender(context)
        try:
            await self._tickets.record(
                ticket, after, step.value, person.id, person.name, note, notices
            )
        except StaleTicket:
            current = await self._tickets.get(ticket.id or 0)
            await context.send_activity(
                wrong_state_text(self._messages, current.status.value)
                if current
                else self._messages.say("ticket_unknown")
            )
            return None
        log.info("ticket step", extra={"ticket": ticket.id, "step": step.value})
        await self._deliver(after.updated_at, ticket.id)
        if role is not Role.ASKER:
            return None
        reply = (
            self._messages.say("ticket_resolved")
            if step is Step.RESOLVE
            else self._messages.say(
                "ticket_follow_up_sent", team=team_name(after.team, self._content)
            )
        )
        await context.send_activity(reply)
        shown = "answer" if ticket.status is TicketStatus.ANSWERED else "close"
        return settled(asker_update_card(ticket, shown, None, self._content), reply)

    async def _change(
        self,
        context: TurnContext,
        ticket: Ticket,
        step: Step,
        status: TicketStatus,
        values: dict[str, Any],
    ) -> tuple[Ticket, str | None, list[Notice]] | None:
        """The ticket after the step, the event's note and the notifications; None (after
        telling the user) when the form is incomplete."""
        person = sender(context)
        now = self._clock()
        after = replace(ticket, status=status, updated_at=max(now, ticket.updated_at))
        update = Notice("channel_update", team=ticket.team)
        asker = Notice("asker")
        if step is Step.PICK_UP:
            after = replace(after, picked_up_by_id=person.id, picked_up_by=person.name)
            return after, None, [update, asker]
        if step is Step.ANSWER:
            answer = str(values.get("answer") or "").strip()
            if not answer:
                await context.send_activity(self._messages.say("ticket_answer_missing"))
                return None
            if after.picked_up_by is None:
                after = replace(after, picked_up_by_id=person.id, picked_up_by=person.name)
            return replace(after, answer=answer), answer, [update, asker]
        if step is Step.FORWARD:
            target = str(values.get("team") or "")
            if target not in self._content.experts:
                await context.send_activity(self._messages.say("ticket_unknown_team"))
                return None
            if target == ticket.team:
                await context.send_activity(self._messages.say("ticket_forward_same_team"))
                return None
            note = str(values.get("note") or "").strip() or None
            old_card = Notice("channel_update", team=ticket.team,
                              activity_id=ticket.channel_activity_id)  # fmt: skip
            notices = [old_card, asker]
            if await self._tickets.binding(target) is not None:
                notices.insert(1, Notice("channel_post", team=target))
            after = replace(
                after, team=target, picked_up_by=None, picked_up_by_id=None, routed=False,
                channel_activity_id=None, open_since=after.updated_at,
            )  # fmt: skip
            return after, note, notices
        if step is Step.CLOSE:
            return replace(after, closed_at=after.updated_at), None, [update, asker]
        if step is Step.RESOLVE:
            return replace(after, closed_at=after.updated_at), None, [update]
        follow_up = str(values.get("follow_up") or "").strip()  # Step.FOLLOW_UP
        if not follow_up:
            await context.send_activity(self._messages.say("ticket_follow_up_missing"))
            return None
        after = replace(after, closed_at=None, open_since=after.updated_at)
        return after, follow_up, [update, Notice("channel_reply", team=ticket.team)]

    async def _role(self, context: TurnContext, ticket: Ticket) -> Role:
        activity = context.activity
        kind = activity.conversation.conversation_type or "personal"
        channel_team: str | None = None
        if kind != "personal":
            teams = await self._tickets.teams_of_channel(channel_of(activity))
            channel_team = ticket.team if ticket.team in teams else ""
        return role_of(ticket, user_id=sender(context).id, channel_team=channel_team)

    def _refusal(self, ticket: Ticket, step: Step, reason: str) -> str:
        if reason == "wrong_state":
            return wrong_state_text(self._messages, ticket.status.value)
        if step in TEAM_STEPS:
            return self._messages.say(
                "ticket_not_yours", team=team_name(ticket.team, self._content)
            )
        return self._messages.say("ticket_not_the_asker")
