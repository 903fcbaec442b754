"""Sends the notifications about tickets, each exactly once: the ticket card posted in and
updated in the team's channel, the asker's updates in personal chat, and the one reminder in
the channel for a ticket open too long. Also deletes closed tickets after the retention period.

Like the evaluation reminders: a notification is claimed with a lease before it is sent and
marked after; a claim whose sender died expires, so a later run takes it over. Sends are paced
and retried by the ProactiveSender. The conversation calls `deliver` right after a change (so
people see it at once); the background loop calls `run`, which catches up on whatever a
restart or a failed send left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.cards.tickets import (
    asker_update_card,
    follow_up_card,
    forwarded_note_text,
    ticket_card,
    ticket_reminder_card,
    unrouted_card,
)
from bot.domain.content import Content
from bot.domain.tickets import Step, Ticket, reminder_due, retention_cutoff
from bot.store.references import ReferenceRepository
from bot.store.register import PartnershipRepository
from bot.store.tickets import Notification, TicketRepository
from bot.teams.proactive import Delivery, ProactiveSender

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 5  # claims of one notification before it is given up as undelivered


@dataclass
class TicketReport:
    sent: int = 0
    undelivered: int = 0
    retried: int = 0
    reminders_queued: int = 0
    deleted: int = 0
    details: list[str] = field(default_factory=list)


class TicketNotifier:
    def __init__(
        self,
        content: Content,
        tickets: TicketRepository,
        partnerships: PartnershipRepository,
        references: ReferenceRepository,
        sender: ProactiveSender,
        *,
        reminder_working_days: int,
        retention_days: int,
        timezone: str,
        after_claim: Callable[[], None] = lambda: None,  # a test hook: crash here
    ) -> None:
        self._content = content
        self._tickets = tickets
        self._partnerships = partnerships
        self._references = references
        self.sender = sender  # replaceable: tests use a faster pacing
        self._reminder_working_days = reminder_working_days
        self._retention_days = retention_days
        self._zone = ZoneInfo(timezone)
        self.after_claim = after_claim

    async def run(self, now: datetime) -> TicketReport:
        """The background work: retention, reminders due, and every pending notification."""
        report = TicketReport()
        report.deleted = await self._tickets.delete_closed_before(
            retention_cutoff(now, self._retention_days)
        )
        for ticket in await self._tickets.open_tickets():
            if (
                ticket.routed
                and reminder_due(ticket, now, self._reminder_working_days, self._zone)
                and await self._tickets.add_reminder(ticket, now)
            ):
                report.reminders_queued += 1
        await self.deliver(now, report=report)
        return report

    async def deliver(
        self, now: datetime, ticket_id: int | None = None, report: TicketReport | None = None
    ) -> TicketReport:
        """Send the pending notifications (of one ticket, or all)."""
        report = report or TicketReport()
        for notification in await self._tickets.claim(now, LEASE, ticket_id=ticket_id):
            self.after_claim()
            delivery, why = await self._send(notification)
            if delivery is Delivery.SENT:
                await self._tickets.mark_sent(notification.id, now)
                report.sent += 1
                report.details.append(f"sent: ticket {notification.ticket_id} {notification.kind}")
            elif (
                delivery is Delivery.FAILED
                and why is None
                and (notification.attempts < MAX_ATTEMPTS)
            ):
                await self._tickets.release(notification.id)
                report.retried += 1
            else:
                await self._tickets.mark_undelivered(notification.id, why or delivery.value, now)
                report.undelivered += 1
                report.details.append(
                    f"{why or delivery.value}: ticket {notification.ticket_id} {notification.kind}"
                )
                # An old card that is gone (404 on an update) says nothing about the channel.
                if delivery is Delivery.UNREACHABLE and notification.kind not in (
                    "asker",
                    "channel_update",
                ):
                    await self._tickets.unbind(notification.team or "", "unreachable", now)
        return report

    async def _send(self, notification: Notification) -> tuple[Delivery, str | None]:
        """The outcome, and why it cannot be sent at all (then it is not retried)."""
        ticket = await self._tickets.get(notification.ticket_id)
        if ticket is None:
            return Delivery.FAILED, "ticket deleted"
        if notification.kind == "asker":
            return await self._to_asker(ticket, notification)
        binding = await self._tickets.binding(notification.team or ticket.team)
        if binding is None:
            return Delivery.FAILED, "no bound channel"
        team = binding.team
        if notification.kind == "channel_reminder":
            card = ticket_reminder_card(ticket, self._content, self._reminder_working_days)
            return await self.sender.send_card(binding.reference, card), None
        if notification.kind == "channel_reply":  # in the thread of the ticket card
            event = (
                await self._tickets.event(notification.event_id) if notification.event_id else None
            )
            if ticket.channel_activity_id is None or ticket.team != team or event is None:
                return Delivery.SENT, None  # nothing to reply to: the card shows it all
            card = follow_up_card(self._content.messages, ticket, event.note or "")
            outcome = await self.sender.deliver(
                binding.reference, card, reply_to=ticket.channel_activity_id
            )
            return outcome.delivery, None
        card = await self.channel_card(ticket, team)
        if notification.kind == "channel_post":
            posted = await self.sender.deliver(binding.reference, card)
            if posted.delivery is Delivery.SENT and posted.activity_id and ticket.id is not None:
                await self._tickets.set_card(ticket.id, team, posted.activity_id)
            return posted.delivery, None
        activity_id = notification.activity_id or (
            ticket.channel_activity_id if ticket.team == team else None
        )
        if activity_id is None:  # not posted yet: the post will show the current state
            return Delivery.SENT, None
        return await self.sender.update_card(binding.reference, activity_id, card), None

    async def _to_asker(
        self, ticket: Ticket, notification: Notification
    ) -> tuple[Delivery, str | None]:
        if ticket.asker_id is None:
            return Delivery.FAILED, "asker forgotten"
        reference = await self._references.personal(ticket.asker_id)
        if reference is None:
            return Delivery.UNREACHABLE, "no personal chat"
        event = await self._tickets.event(notification.event_id) if notification.event_id else None
        if event is None:
            return Delivery.FAILED, "event gone"
        shown = replace(
            ticket, team=event.team, answer=event.note if event.step == Step.ANSWER else None
        )
        card = asker_update_card(shown, event.step, event.by_name, self._content)
        expert = self._content.experts.get(event.team)
        if (
            event.step == Step.FORWARD
            and expert
            and await self._tickets.binding(event.team) is None
        ):
            card = unrouted_card(expert, self._content)  # the new team has no channel yet
        delivery = await self.sender.send_card(reference, card)
        if delivery is Delivery.UNREACHABLE:
            await self._references.deactivate(f"user:{ticket.asker_id}", event.at)
        return delivery, None

    async def channel_card(self, ticket: Ticket, team: str) -> dict[str, object]:
        """The ticket card as `team`'s channel shows it now."""
        partnership = (
            await self._partnerships.get(ticket.partnership_id) if ticket.partnership_id else None
        )
        events = await self._tickets.events(ticket.id or 0)
        follow_ups = [e.note for e in events if e.step == Step.FOLLOW_UP and e.note]
        forwards = [e for e in events if e.step == Step.FORWARD and e.team == team]
        note = None
        if forwards and ticket.team == team:
            last = forwards[-1]
            origin = [e.team for e in events if e.id < last.id][-1]
            note = forwarded_note_text(
                self._content.messages,
                self._content.experts[origin].name if origin in self._content.experts else origin,
                last.note or "",
            )
        return ticket_card(
            ticket,
            self._content,
            shown_team=team,
            partnership=partnership.name if partnership else None,
            follow_up=follow_ups[-1] if follow_ups else None,
            forward_note=note,
        )
