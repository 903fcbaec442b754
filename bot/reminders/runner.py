"""Finds the evaluation reminders and the weekly digest that are due, and sends each once.

Every reminder is claimed in the database before it is sent and marked after; a claim
whose sender died expires (a lease), so a later run takes it over. A restart, a second run
or a second instance therefore never doubles a reminder and never drops one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot import cards
from bot.domain.content import Content
from bot.domain.register import Partnership, recommend
from bot.domain.schedule import (
    DigestPolicy,
    PlannedReminder,
    ReminderPolicy,
    due_reminder,
    horizon,
)
from bot.store.references import ReferenceRepository
from bot.store.register import PartnershipRepository
from bot.store.reminders import ReminderRepository
from bot.teams.proactive import Delivery, ProactiveSender

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)
MAX_CLAIMS = 5  # runs that try a reminder Teams keeps refusing (429, 5xx) before giving up
DIGEST_DAYS_AHEAD = 60


@dataclass
class RunReport:
    sent: int = 0
    unreachable: int = 0  # no personal chat with the account holder ("geen bereik")
    undelivered: int = 0
    retried: int = 0  # still failing after a run's attempts: the next run tries again
    digest: bool = False
    details: list[str] = field(default_factory=list)


class ReminderRunner:
    def __init__(
        self,
        content: Content,
        partnerships: PartnershipRepository,
        reminders: ReminderRepository,
        references: ReferenceRepository,
        sender: ProactiveSender,
        policy: ReminderPolicy,
        digest: DigestPolicy | None,
        calendar_url: Callable[[int], str | None],
        after_claim: Callable[[], None] = lambda: None,  # a test hook: crash here
        open_tickets: Callable[[], Awaitable[dict[str, int]]] | None = None,  # per expert team
    ) -> None:
        self._content = content
        self._partnerships = partnerships
        self._reminders = reminders
        self._references = references
        self._sender = sender
        self._policy = policy
        self._digest = digest
        self._calendar_url = calendar_url
        self._after_claim = after_claim
        self._open_tickets = open_tickets

    async def run(self, now: datetime, stop: asyncio.Event | None = None) -> RunReport:
        """Send what is due at `now`; with `stop` set, end after the reminder being sent."""
        report = RunReport()
        today = now.astimezone(self._policy.zone).date()
        for partnership in await self._partnerships.due_for_reminders(horizon(today, self._policy)):
            if stop is not None and stop.is_set():
                return report
            planned = due_reminder(partnership, now, self._policy)
            if planned is not None:
                await self._remind(partnership, planned, now, today, report)
        if self._digest is not None and not (stop is not None and stop.is_set()):
            await self._post_digest(self._digest, now, today, report)
        return report

    async def _remind(
        self,
        partnership: Partnership,
        planned: PlannedReminder,
        now: datetime,
        today: date,
        report: RunReport,
    ) -> None:
        reference = await self._references.personal(partnership.account_holder.id)
        if reference is None:  # never installed, or removed: shown as "geen bereik"
            report.unreachable += 1
            return
        reminder_id = await self._reminders.claim(planned, now, LEASE)
        if reminder_id is None:
            return
        self._after_claim()
        card = cards.reminder_card(
            partnership,
            planned.due,
            (planned.due - today).days,  # a late reminder says how many days are really left
            self._content.register,
            self._content,
            recommend(partnership, self._content.register),
            self._calendar_url(partnership.id or 0),
        )
        outcome = await self._sender.deliver(reference, card)
        delivery = outcome.delivery
        if delivery is Delivery.SENT:
            await self._reminders.mark_sent(reminder_id, now)
            report.sent += 1
            report.details.append(f"sent: partnership {partnership.id}, {planned.lead_days} days")
            return
        if delivery is Delivery.UNREACHABLE:
            await self._references.deactivate(f"user:{partnership.account_holder.id}", now)
        elif outcome.worth_retrying and await self._reminders.retry_later(reminder_id, MAX_CLAIMS):
            report.retried += 1
            report.details.append(f"retry later: partnership {partnership.id}")
            return
        await self._reminders.mark_undelivered(reminder_id, delivery.value, now)
        report.undelivered += 1
        report.details.append(
            f"{delivery.value}: partnership {partnership.id} ({'; '.join(outcome.reasons)})"
        )

    async def _post_digest(
        self, digest: DigestPolicy, now: datetime, today: date, report: RunReport
    ) -> None:
        """Once a week, from the configured day and hour on, one message in the channel."""
        week_start = today - timedelta(days=today.weekday())
        post_day = week_start + timedelta(days=digest.weekday)
        local_now = now.astimezone(self._policy.zone)
        if (today, local_now.hour) < (post_day, digest.hour):
            return
        found = await self._references.get(f"conversation:{digest.conversation_id}")
        if found is None or not found[1]:
            log.warning("digest channel not reachable: add the bot to the team first")
            return
        year, week, _ = today.isocalendar()
        week_key = f"{year}-W{week:02d}"
        if not await self._reminders.claim_digest(week_key, now, LEASE):
            return
        upcoming = await self._partnerships.upcoming(today + timedelta(days=DIGEST_DAYS_AHEAD))
        reachable = await self._references.reachable(p.account_holder.id for p in upcoming)
        undelivered = []
        for record in await self._reminders.undelivered():
            partnership = await self._partnerships.get(record.partnership_id)
            if partnership is not None:
                undelivered.append((partnership, record.due))
        card = cards.digest_card(
            [(p, p.account_holder.id in reachable) for p in upcoming],
            undelivered,
            today,
            self._content,
            await self._open_tickets() if self._open_tickets else None,
        )
        outcome = await self._sender.deliver(found[0], card)
        if outcome.delivery is Delivery.SENT:
            await self._reminders.mark_digest_sent(week_key, now)
            report.digest = True
        else:
            report.details.append(f"digest {outcome.delivery.value}: {'; '.join(outcome.reasons)}")
