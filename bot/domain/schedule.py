"""Evaluation moments and when to remind the account holder of them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain.dates import add_months
from bot.domain.models import RegisterFile
from bot.domain.register import Partnership

EventKind = Literal["completed", "postponed"]


@dataclass(frozen=True)
class ReminderPolicy:
    lead_days: tuple[int, ...] = (30, 7, 0)  # before the moment; 0 = on the day
    hour: int = 9  # local time of day reminders go out
    timezone: str = "Europe/Amsterdam"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DigestPolicy:
    conversation_id: str  # the governance network's team channel
    weekday: int = 0  # Monday
    hour: int = 9


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder of one evaluation moment: unique by (partnership, due, lead_days)."""

    partnership_id: int
    due: date
    lead_days: int
    send_at: datetime  # aware, UTC


@dataclass(frozen=True)
class EvaluationEvent:
    partnership_id: int
    kind: EventKind
    due: date  # the moment it concerns
    new_due: date | None  # the next moment (completed) or the new date (postponed)
    reason: str | None
    by_id: str
    at: datetime
    moment_kind: str | None = None  # the kind of evaluation the moment was (None: not recorded)


def reminder_send_at(due: date, lead_days: int, policy: ReminderPolicy) -> datetime:
    """`lead_days` before `due` at the policy's hour, moved back to a working day (Mon-Fri)."""
    day = due - timedelta(days=lead_days)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    local = datetime.combine(day, time(policy.hour), tzinfo=policy.zone)
    return local.astimezone(UTC)


def due_reminder(
    partnership: Partnership, now: datetime, policy: ReminderPolicy
) -> PlannedReminder | None:
    """The one reminder to send now for the partnership's next moment, if any.

    Of the reminders whose time has come, only the latest counts: one missed while the bot
    was down (or one whose time had passed when the moment was registered) goes out late,
    unless a later one for the same moment is due as well. Late or not, reminders go out
    only in sending hours: on a working day from the policy's hour on.
    """
    if partnership.id is None or partnership.next_evaluation is None:
        return None
    if partnership.archived or not partnership.reminders:
        return None
    if not in_sending_hours(now, policy):
        return None
    due = partnership.next_evaluation
    planned = [
        PlannedReminder(partnership.id, due, lead, reminder_send_at(due, lead, policy))
        for lead in policy.lead_days
    ]
    ready = [reminder for reminder in planned if reminder.send_at <= now]
    return max(ready, key=_send_time) if ready else None


def in_sending_hours(now: datetime, policy: ReminderPolicy) -> bool:
    """A working day (Monday to Friday), from the policy's hour on, local time."""
    local = now.astimezone(policy.zone)
    return local.weekday() < 5 and local.hour >= policy.hour


def _send_time(reminder: PlannedReminder) -> datetime:
    return reminder.send_at


def next_moment(due: date, cadence_months: int | None) -> date | None:
    """After completing the moment due on `due`: the next one in the rhythm, if there is one."""
    return add_months(due, cadence_months) if cadence_months else None


def complete_moment(
    partnership: Partnership,
    register: RegisterFile,
    by_id: str,
    at: datetime,
    note: str | None = None,
) -> tuple[Partnership, EvaluationEvent]:
    """The partnership with its next moment completed: the following one from its rhythm
    (of the default kind), and the event that records it."""
    due = partnership.next_evaluation or at.date()
    months = next((c.months for c in register.cadences if c.key == partnership.cadence), None)
    following = next_moment(due, months)
    changed = replace(
        partnership, next_evaluation=following, evaluation_kind=register.default_evaluation_kind
    )
    event = EvaluationEvent(
        partnership.id or 0,
        "completed",
        due,
        following,
        note,
        by_id,
        at,
        moment_kind=partnership.evaluation_kind,
    )
    return changed, event


def horizon(today: date, policy: ReminderPolicy) -> date:
    """Moments due up to this date may have a reminder due today."""
    return today + timedelta(days=max(policy.lead_days) + 3)  # + a weekend's shift
