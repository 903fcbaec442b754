"""Tickets (questions to an expert team), their history, channel bindings and notifications.

Every change of a ticket is one transaction: the ticket row, an event, and the notifications
it causes (the asker in personal chat, the ticket card in the channel). Notifications are an
outbox: a sender claims them with a lease before sending and marks them after, like the
evaluation reminders, so each goes out exactly once across restarts, runs and instances.

Privacy: the asker's name and the question are stored because the team needs them.
`forget_person` removes a person's id and name from tickets and events (question and answer
stay for the team); closed tickets are deleted after the retention period.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from bot.domain.tickets import OPEN, Ticket, TicketStatus
from bot.store.database import Database, Row, Transaction, utc_text

NotificationKind = Literal[
    "asker", "channel_post", "channel_update", "channel_reply", "channel_reminder"
]
# A claimed notification whose lease ran out (or was released) may be claimed again.
_CLAIMABLE = (
    "(status = 'pending' OR (status = 'claimed' AND (lease_until IS NULL OR lease_until < ?)))"
)
_STORED_COLUMNS = (
    "team, question, asker_id, asker_name, item_id, partnership_id, status,"
    " picked_up_by_id, picked_up_by, answer, routed, channel_activity_id, created_at,"
    " updated_at, open_since, closed_at"
)
_TICKET_COLUMNS = f"id, {_STORED_COLUMNS}"


class StaleTicket(Exception):
    """The ticket changed since it was read (another click came first), or is gone."""


@dataclass(frozen=True)
class Binding:
    team: str
    channel_id: str
    team_id: str | None
    reference: dict[str, Any]
    bound_by_id: str | None
    bound_at: datetime
    active: bool
    unbound_reason: str | None
    unbound_at: datetime | None


@dataclass(frozen=True)
class TicketEvent:
    id: int
    ticket_id: int
    step: str  # "asked", or a Step value
    by_id: str | None
    by_name: str | None
    team: str  # the ticket's team after the step
    note: str | None  # the answer, the forward note or the follow-up question
    at: datetime


@dataclass(frozen=True)
class Notice:
    """A notification to create with a change: whom, and for channel ones which team/card."""

    kind: NotificationKind
    team: str | None = None
    activity_id: str | None = None


@dataclass(frozen=True)
class Notification:
    id: int
    ticket_id: int
    event_id: int | None
    kind: NotificationKind
    team: str | None
    activity_id: str | None
    status: str
    attempts: int
    last_error: str | None


class TicketRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- channel bindings -----------------------------------------------------------------

    async def bind(
        self,
        team: str,
        channel_id: str,
        team_id: str | None,
        reference: dict[str, Any],
        by_id: str | None,
        at: datetime,
    ) -> None:
        """Bind `team` to the channel (replacing an earlier binding of that team)."""
        await self._db.execute(
            "INSERT INTO channel_bindings (team, channel_id, team_id, reference, bound_by_id,"
            " bound_at, active) VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (team) DO UPDATE SET"
            " channel_id = excluded.channel_id, team_id = excluded.team_id,"
            " reference = excluded.reference, bound_by_id = excluded.bound_by_id,"
            " bound_at = excluded.bound_at, active = 1, unbound_reason = NULL, unbound_at = NULL",
            (
                team,
                channel_id,
                team_id,
                json.dumps(reference, ensure_ascii=False),
                by_id,
                utc_text(at, "binding time"),
            ),
        )

    async def binding(self, team: str) -> Binding | None:
        """The team's active binding."""
        found = await self._bindings("team = ? AND active = 1", (team,))
        return found[0] if found else None

    async def teams_of_channel(self, channel_id: str) -> list[str]:
        """The teams bound (actively) to this channel."""
        return [
            b.team for b in await self._bindings("channel_id = ? AND active = 1", (channel_id,))
        ]

    async def bindings(self) -> list[Binding]:
        """Every binding, also those Teams ended (inactive, with the reason)."""
        return await self._bindings("1 = 1", ())

    async def unbind(self, team: str, reason: str, at: datetime) -> bool:
        return bool(await self._unbind("team = ?", (team,), reason, at))

    async def unbind_channel(self, channel_id: str, reason: str, at: datetime) -> list[str]:
        return await self._unbind("channel_id = ?", (channel_id,), reason, at)

    async def unbind_team_id(self, team_id: str, reason: str, at: datetime) -> list[str]:
        """The Teams team (not the expert team) is gone or removed the bot."""
        return await self._unbind("team_id = ?", (team_id,), reason, at)

    async def _unbind(
        self, where: str, parameters: tuple[str, ...], reason: str, at: datetime
    ) -> list[str]:
        rows = await self._db.query(
            f"UPDATE channel_bindings SET active = 0, unbound_reason = ?, unbound_at = ?"
            f" WHERE {where} AND active = 1 RETURNING team",
            (reason, utc_text(at, "unbinding time"), *parameters),
        )
        return sorted(row[0] for row in rows)

    async def _bindings(self, where: str, parameters: Sequence[Any]) -> list[Binding]:
        rows = await self._db.query(
            "SELECT team, channel_id, team_id, reference, bound_by_id, bound_at, active,"
            f" unbound_reason, unbound_at FROM channel_bindings WHERE {where} ORDER BY team",
            parameters,
        )
        return [
            Binding(
                team=row["team"],
                channel_id=row["channel_id"],
                team_id=row["team_id"],
                reference=json.loads(row["reference"]),
                bound_by_id=row["bound_by_id"],
                bound_at=datetime.fromisoformat(row["bound_at"]),
                active=bool(row["active"]),
                unbound_reason=row["unbound_reason"],
                unbound_at=_moment(row["unbound_at"]),
            )
            for row in rows
        ]

    # --- tickets ----------------------------------------------------------------------------

    async def add(self, ticket: Ticket, notices: Sequence[Notice] = ()) -> Ticket:
        """Store a new ticket with its 'asked' event and the notifications it causes."""
        async with self._db.transaction() as transaction:
            ticket_id = await transaction.insert(
                f"INSERT INTO tickets ({_STORED_COLUMNS}) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _values(ticket),
            )
            event_id = await _insert_event(
                transaction, ticket_id, "asked", ticket.asker_id, ticket.asker_name, ticket.team,
                None, ticket.created_at,
            )  # fmt: skip
            await _insert_notices(transaction, ticket_id, event_id, notices, ticket.created_at)
        return replace(ticket, id=ticket_id)

    async def record(
        self,
        before: Ticket,
        after: Ticket,
        step: str,
        by_id: str | None,
        by_name: str | None,
        note: str | None,
        notices: Sequence[Notice] = (),
    ) -> int:
        """Store a change; raises StaleTicket when the ticket is no longer as `before` was.

        Returns the event's id.
        """
        if before.id is None or after.id != before.id:
            raise ValueError("record needs the same stored ticket before and after")
        async with self._db.transaction() as transaction:
            changed = await transaction.execute(
                "UPDATE tickets SET team = ?, question = ?, asker_id = ?, asker_name = ?,"
                " item_id = ?, partnership_id = ?, status = ?, picked_up_by_id = ?,"
                " picked_up_by = ?, answer = ?, routed = ?, channel_activity_id = ?,"
                " created_at = ?, updated_at = ?, open_since = ?, closed_at = ?"
                " WHERE id = ? AND status = ? AND team = ? AND updated_at = ?",
                (
                    *_values(after),
                    before.id,
                    before.status.value,
                    before.team,
                    utc_text(before.updated_at, "ticket time"),
                ),
            )
            if changed != 1:
                raise StaleTicket(before.id)
            event_id = await _insert_event(
                transaction, before.id, step, by_id, by_name, after.team, note, after.updated_at
            )
            await _insert_notices(transaction, before.id, event_id, notices, after.updated_at)
        return event_id

    async def set_card(self, ticket_id: int, team: str, activity_id: str) -> None:
        """The ticket card now in `team`'s channel (only while the ticket is still there)."""
        await self._db.execute(
            "UPDATE tickets SET channel_activity_id = ?, routed = 1 WHERE id = ? AND team = ?",
            (activity_id, ticket_id, team),
        )

    async def get(self, ticket_id: int) -> Ticket | None:
        found = await self._select("id = ?", (ticket_id,))
        return found[0] if found else None

    async def find(
        self, *, team: str | None = None, status: str | None = None, unrouted: bool = False
    ) -> list[Ticket]:
        where, parameters = ["1 = 1"], []
        if team is not None:
            where.append("team = ?")
            parameters.append(team)
        if status is not None:
            where.append("status = ?")
            parameters.append(status)
        if unrouted:
            where.append("routed = 0 AND status != 'gesloten'")
        return await self._select(" AND ".join(where), parameters)

    async def open_tickets(self) -> list[Ticket]:
        return await self._select(_open_where(), ())

    async def open_counts(self) -> dict[str, int]:
        rows = await self._db.query(
            f"SELECT team, count(*) FROM tickets WHERE {_open_where()} GROUP BY team ORDER BY team"
        )
        return {row[0]: int(row[1]) for row in rows}

    async def by_asker(self, user_id: str) -> list[Ticket]:
        return await self._select("asker_id = ?", (user_id,))

    async def answered(self) -> list[Ticket]:
        """Tickets that got an answer and matched a checklist item: phrasing candidates."""
        return await self._select("answer IS NOT NULL AND item_id IS NOT NULL", ())

    async def events(self, ticket_id: int) -> list[TicketEvent]:
        rows = await self._db.query(
            "SELECT id, ticket_id, step, by_id, by_name, team, note, at FROM ticket_events"
            " WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        )
        return [
            TicketEvent(
                id=row["id"],
                ticket_id=row["ticket_id"],
                step=row["step"],
                by_id=row["by_id"],
                by_name=row["by_name"],
                team=row["team"],
                note=row["note"],
                at=datetime.fromisoformat(row["at"]),
            )
            for row in rows
        ]

    async def event(self, event_id: int) -> TicketEvent | None:
        rows = await self._db.query("SELECT ticket_id FROM ticket_events WHERE id = ?", (event_id,))
        if not rows:
            return None
        return next(e for e in await self.events(int(rows[0][0])) if e.id == event_id)

    async def forget_person(self, user_id: str) -> int:
        """Remove the person's id and name from tickets and their history; returns the number
        of tickets they asked. Questions and answers stay for the teams, anonymised."""
        if not user_id:
            raise ValueError("user id must not be empty")
        async with self._db.transaction() as transaction:
            await transaction.execute(
                "DELETE FROM ticket_notifications WHERE kind = 'asker' AND status = 'pending'"
                " AND ticket_id IN (SELECT id FROM tickets WHERE asker_id = ?)",
                (user_id,),
            )
            asked = await transaction.execute(
                "UPDATE tickets SET asker_id = NULL, asker_name = NULL WHERE asker_id = ?",
                (user_id,),
            )
            await transaction.execute(
                "UPDATE tickets SET picked_up_by_id = NULL, picked_up_by = NULL"
                " WHERE picked_up_by_id = ?",
                (user_id,),
            )
            await transaction.execute(
                "UPDATE ticket_events SET by_id = NULL, by_name = NULL WHERE by_id = ?",
                (user_id,),
            )
        return int(asked)

    async def delete_closed_before(self, cutoff: datetime) -> int:
        """Delete tickets closed before `cutoff` with their history; returns how many."""
        return await self._db.execute(
            "DELETE FROM tickets WHERE status = 'gesloten' AND closed_at < ?",
            (utc_text(cutoff, "retention cutoff"),),
        )

    async def _select(self, where: str, parameters: Sequence[Any]) -> list[Ticket]:
        rows = await self._db.query(
            f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE {where} ORDER BY id", parameters
        )
        return [_ticket(row) for row in rows]

    # --- notifications ------------------------------------------------------------------------

    async def add_reminder(self, ticket: Ticket, at: datetime) -> bool:
        """Queue the one reminder of an open ticket in its team's channel; False if queued
        before."""
        if ticket.id is None:
            raise ValueError("the ticket is not stored")
        return bool(
            await self._db.execute(
                # INSERT ... SELECT: a reminder queued before proposes no row, so that it
                # draws no id from PostgreSQL's identity sequence (ON CONFLICT would).
                "INSERT INTO ticket_notifications"
                " (ticket_id, kind, team, activity_id, created_at)"
                " SELECT ?, 'channel_reminder', ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
                " ticket_notifications WHERE ticket_id = ? AND team = ?"
                " AND kind = 'channel_reminder') ON CONFLICT DO NOTHING",
                (
                    ticket.id,
                    ticket.team,
                    ticket.channel_activity_id,
                    utc_text(at, "queue time"),
                    ticket.id,
                    ticket.team,
                ),
            )
        )

    async def claim(
        self, now: datetime, lease: timedelta, *, ticket_id: int | None = None
    ) -> list[Notification]:
        """The notifications this caller may send now (pending, or with an expired lease),
        oldest first; each is claimed for `lease`."""
        if lease <= timedelta(0):
            raise ValueError("lease must be positive")
        now_text = utc_text(now, "claim time")
        lease_until = utc_text(now + lease, "claim time")
        only = "" if ticket_id is None else " AND ticket_id = ?"
        async with self._db.transaction() as transaction:
            rows = await transaction.query(
                "UPDATE ticket_notifications SET status = 'claimed', lease_until = ?,"
                " attempts = attempts + 1 WHERE id IN (SELECT id FROM ticket_notifications"
                f" WHERE {_CLAIMABLE}{only}{self._db.dialect.skip_locked})"
                " RETURNING id, ticket_id, event_id, kind, team, activity_id, status, attempts,"
                " last_error",
                (lease_until, now_text, *(() if ticket_id is None else (ticket_id,))),
            )
        return sorted((_notification(row) for row in rows), key=lambda n: n.id)

    async def mark_sent(self, notification_id: int, at: datetime) -> None:
        await self._settle(notification_id, "sent", None, at)

    async def mark_undelivered(self, notification_id: int, error: str, at: datetime) -> None:
        await self._settle(notification_id, "undelivered", error, at)

    async def release(self, notification_id: int) -> None:
        """Worth retrying: the next claim takes it over at once."""
        await self._db.execute(
            "UPDATE ticket_notifications SET lease_until = NULL"
            " WHERE id = ? AND status = 'claimed'",
            (notification_id,),
        )

    async def notifications(self, ticket_id: int) -> list[Notification]:
        rows = await self._db.query(
            "SELECT id, ticket_id, event_id, kind, team, activity_id, status, attempts, last_error"
            " FROM ticket_notifications WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        )
        return [_notification(row) for row in rows]

    async def _settle(
        self, notification_id: int, status: str, error: str | None, at: datetime
    ) -> None:
        changed = await self._db.execute(
            "UPDATE ticket_notifications SET status = ?, last_error = ?, lease_until = NULL,"
            " sent_at = ? WHERE id = ?",
            (status, error, utc_text(at, "notification time"), notification_id),
        )
        if changed == 0:
            raise KeyError(f"unknown notification {notification_id}")


def _open_where() -> str:
    states = ", ".join(f"'{status.value}'" for status in sorted(OPEN))
    return f"status IN ({states})"


def _values(ticket: Ticket) -> tuple[object, ...]:
    return (
        ticket.team,
        ticket.question,
        ticket.asker_id,
        ticket.asker_name,
        ticket.item_id,
        ticket.partnership_id,
        ticket.status.value,
        ticket.picked_up_by_id,
        ticket.picked_up_by,
        ticket.answer,
        int(ticket.routed),
        ticket.channel_activity_id,
        utc_text(ticket.created_at, "ticket time"),
        utc_text(ticket.updated_at, "ticket time"),
        None if ticket.open_since is None else utc_text(ticket.open_since, "ticket time"),
        None if ticket.closed_at is None else utc_text(ticket.closed_at, "ticket time"),
    )


def _ticket(row: Row) -> Ticket:
    return Ticket(
        id=row["id"],
        team=row["team"],
        question=row["question"],
        asker_id=row["asker_id"],
        asker_name=row["asker_name"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        status=TicketStatus(row["status"]),
        item_id=row["item_id"],
        partnership_id=row["partnership_id"],
        picked_up_by_id=row["picked_up_by_id"],
        picked_up_by=row["picked_up_by"],
        answer=row["answer"],
        routed=bool(row["routed"]),
        channel_activity_id=row["channel_activity_id"],
        open_since=_moment(row["open_since"]),
        closed_at=_moment(row["closed_at"]),
    )


async def _insert_event(
    transaction: Transaction,
    ticket_id: int,
    step: str,
    by_id: str | None,
    by_name: str | None,
    team: str,
    note: str | None,
    at: datetime,
) -> int:
    return await transaction.insert(
        "INSERT INTO ticket_events (ticket_id, step, by_id, by_name, team, note, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (ticket_id, step, by_id, by_name, team, note, utc_text(at, "event time")),
    )


async def _insert_notices(
    transaction: Transaction,
    ticket_id: int,
    event_id: int,
    notices: Sequence[Notice],
    at: datetime,
) -> None:
    for notice in notices:
        await transaction.execute(
            "INSERT INTO ticket_notifications"
            " (ticket_id, event_id, kind, team, activity_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (ticket_id, event_id, notice.kind, notice.team, notice.activity_id,
             utc_text(at, "queue time")),
        )  # fmt: skip


def _notification(row: Row) -> Notification:
    return Notification(
        id=row["id"],
        ticket_id=row["ticket_id"],
        event_id=row["event_id"],
        kind=row["kind"],
        team=row["team"],
        activity_id=row["activity_id"],
        status=row["status"],
        attempts=row["attempts"],
        last_error=row["last_error"],
    )


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
