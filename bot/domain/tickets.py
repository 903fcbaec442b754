"""Questions to an expert team (tickets): their states, the allowed steps and who may take them.

A ticket starts Nieuw in its team's bound channel. The team picks it up (Opgepakt, by whom),
answers it (Beantwoord), forwards it to another team (Nieuw again, there) or closes it
(Gesloten). The asker marks an answer as solved (Gesloten) or asks a follow-up on the same
ticket, which reopens it (Heropend). Team steps are taken only from the bound channel of the
ticket's team; asker steps only by the asker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class TicketStatus(StrEnum):
    NEW = "nieuw"
    PICKED_UP = "opgepakt"
    ANSWERED = "beantwoord"
    CLOSED = "gesloten"
    REOPENED = "heropend"


class Step(StrEnum):
    PICK_UP = "pick_up"
    ANSWER = "answer"
    FORWARD = "forward"
    CLOSE = "close"
    RESOLVE = "resolve"  # the asker: "Opgelost"
    FOLLOW_UP = "follow_up"  # the asker: "Nog een vraag"


class Role(StrEnum):
    TEAM = "team"  # someone acting from the bound channel of the ticket's team
    ASKER = "asker"
    OTHER = "other"  # anyone else, anywhere else


OPEN = frozenset({TicketStatus.NEW, TicketStatus.PICKED_UP, TicketStatus.REOPENED})
TEAM_STEPS = frozenset({Step.PICK_UP, Step.ANSWER, Step.FORWARD, Step.CLOSE})
ASKER_STEPS = frozenset({Step.RESOLVE, Step.FOLLOW_UP})

# step -> (the states it may start from, the state it leads to)
TRANSITIONS: dict[Step, tuple[frozenset[TicketStatus], TicketStatus]] = {
    Step.PICK_UP: (frozenset({TicketStatus.NEW, TicketStatus.REOPENED}), TicketStatus.PICKED_UP),
    Step.ANSWER: (OPEN, TicketStatus.ANSWERED),
    Step.FORWARD: (OPEN, TicketStatus.NEW),
    Step.CLOSE: (OPEN | {TicketStatus.ANSWERED}, TicketStatus.CLOSED),
    Step.RESOLVE: (frozenset({TicketStatus.ANSWERED}), TicketStatus.CLOSED),
    Step.FOLLOW_UP: (
        frozenset({TicketStatus.ANSWERED, TicketStatus.CLOSED}),
        TicketStatus.REOPENED,
    ),
}


class StepRefused(ValueError):
    """A step that may not be taken; `reason` says why: 'not_yours' or 'wrong_state'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Ticket:
    id: int | None
    team: str  # expert team code
    question: str
    asker_id: str | None  # None once the asker asked to be forgotten
    asker_name: str | None
    created_at: datetime
    updated_at: datetime
    status: TicketStatus = TicketStatus.NEW
    item_id: str | None = None  # the checklist item the question matched
    partnership_id: int | None = None
    picked_up_by_id: str | None = None
    picked_up_by: str | None = None  # the name of who picked it up
    answer: str | None = None
    routed: bool = False  # posted in a bound channel (else kept for the administrators)
    channel_activity_id: str | None = None  # the ticket card in the team's channel
    closed_at: datetime | None = None
    open_since: datetime | None = None  # created, or last reopened or forwarded

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


def role_of(ticket: Ticket, *, user_id: str, channel_team: str | None) -> Role:
    """Who is acting: `channel_team` is the team whose bound channel the click came from."""
    if channel_team is not None and channel_team == ticket.team:
        return Role.TEAM
    if channel_team is None and ticket.asker_id is not None and user_id == ticket.asker_id:
        return Role.ASKER
    return Role.OTHER


def next_status(ticket: Ticket, step: Step, role: Role) -> TicketStatus:
    """The state `step` leads to; raises StepRefused when `role` may not take it now."""
    allowed: frozenset[Step] = frozenset()
    if role is Role.TEAM:
        allowed = TEAM_STEPS
    elif role is Role.ASKER:
        allowed = ASKER_STEPS
    if step not in allowed:
        raise StepRefused("not_yours")
    starts, result = TRANSITIONS[step]
    if ticket.status not in starts:
        raise StepRefused("wrong_state")
    return result


def working_days_between(start: date, end: date) -> int:
    """Monday to Friday days after `start` up to and including `end` (0 when end <= start)."""
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def reminder_due(ticket: Ticket, now: datetime, working_days: int, zone: ZoneInfo) -> bool:
    """An open ticket waiting longer than `working_days` working days gets one reminder."""
    if not ticket.is_open:
        return False
    since = (ticket.open_since or ticket.created_at).astimezone(zone).date()
    return working_days_between(since, now.astimezone(zone).date()) > working_days


def retention_cutoff(now: datetime, retention_days: int) -> datetime:
    """Closed tickets closed before this moment are deleted."""
    return now - timedelta(days=retention_days)
