"""Exactly-once sending of evaluation reminders and the weekly digest: claims with leases.

A sender claims a reminder before sending it and marks it sent (or undelivered) after. A
claim holds a lease: while the lease runs nobody else may send that reminder; once it has
run out (the sender died between claim and mark) the next claim takes it over. Claims are
one conditional upsert, so two processes on one database never both win.

A reminder is unique by (partnership, due date, lead days). Once a reminder with fewer lead
days of the same moment has gone out, the earlier ones are no longer claimed: a missed
reminder is not sent after a later one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, get_args

from bot.domain.schedule import PlannedReminder
from bot.store.database import Database, Row, utc_text

ReminderStatus = Literal["claimed", "sent", "undelivered"]
REMINDER_STATUSES: tuple[ReminderStatus, ...] = get_args(ReminderStatus)
WEEK = re.compile(r"\d{4}-W(0[1-9]|[1-4]\d|5[0-3])")  # ISO week, e.g. 2027-W09


def _expired(table: str) -> str:
    """A row of `table` the next claim may take over: claimed, and its sender's lease has run
    out (or was given up with `release`). The parameter is the claim time. Qualified: in an
    upsert PostgreSQL refuses a bare column, which could be the table's or `excluded`'s."""
    return (
        f"{table}.status = 'claimed'"
        f" AND ({table}.lease_until IS NULL OR {table}.lease_until < ?)"
    )


@dataclass(frozen=True)
class ReminderRecord:
    id: int
    partnership_id: int
    due: date
    lead_days: int
    send_at: datetime
    status: ReminderStatus
    attempts: int  # claims so far: 1, plus one for every takeover after an expired lease
    last_error: str | None
    sent_at: datetime | None  # when it was sent, or given up as undelivered


class ReminderRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(self, reminder: PlannedReminder, now: datetime, lease: timedelta) -> int | None:
        """The reminder's id if this caller may send it now, else None.

        None when it was sent or given up already, when another sender holds a live lease
        on it, or when a reminder with fewer lead days of the same moment was sent.
        """
        now_text, lease_until = _lease(now, lease)
        send_at = utc_text(reminder.send_at, "reminder send time")
        moment = (reminder.partnership_id, reminder.due.isoformat())
        async with self._db.transaction() as transaction:
            known = await transaction.query(
                "SELECT id, lead_days, status FROM reminders"
                " WHERE partnership_id = ? AND due = ? AND lead_days <= ?",
                (*moment, reminder.lead_days),
            )
            if any(
                row["lead_days"] < reminder.lead_days and row["status"] == "sent" for row in known
            ):
                return None
            existing = [row["id"] for row in known if row["lead_days"] == reminder.lead_days]
            if existing:
                # A takeover updates the row: an upsert would draw (and waste) a new id from
                # PostgreSQL's identity sequence on every refused claim.
                claimed = await transaction.query(
                    "UPDATE reminders SET lease_until = ?, attempts = attempts + 1"
                    f" WHERE id = ? AND {_expired('reminders')} RETURNING id",
                    (lease_until, existing[0], now_text),
                )
            else:
                # Another sender may insert it meanwhile: then the upsert takes it over only
                # if that claim has expired already, so that never both win.
                claimed = await transaction.query(
                    "INSERT INTO reminders"
                    " (partnership_id, due, lead_days, send_at, status, lease_until, attempts)"
                    " VALUES (?, ?, ?, ?, 'claimed', ?, 1)"
                    " ON CONFLICT (partnership_id, due, lead_days) DO UPDATE SET"
                    " lease_until = excluded.lease_until, attempts = reminders.attempts + 1"
                    f" WHERE {_expired('reminders')}"
                    " RETURNING id",
                    (*moment, reminder.lead_days, send_at, lease_until, now_text),
                )
        return int(claimed[0][0]) if claimed else None

    async def mark_sent(self, reminder_id: int, at: datetime) -> None:
        await self._settle(reminder_id, "sent", None, at)

    async def mark_undelivered(self, reminder_id: int, error: str, at: datetime) -> None:
        """Given up: it is not claimed again, and shows in the digest."""
        await self._settle(reminder_id, "undelivered", error, at)

    async def release(self, reminder_id: int) -> None:
        """The send failed in a way worth retrying: the next claim takes it over at once.

        The lease is cleared rather than set to a clock time, so that it is free for any
        caller's clock; the attempts so far are kept.
        """
        changed = await self._db.execute(
            "UPDATE reminders SET lease_until = NULL WHERE id = ? AND status = 'claimed'",
            (reminder_id,),
        )
        if changed == 0:
            raise KeyError(f"no claimed reminder {reminder_id}")

    async def retry_later(self, reminder_id: int, max_claims: int) -> bool:
        """Release the claim (as `release`) unless the reminder was claimed `max_claims`
        times already; False when it should be given up."""
        return bool(
            await self._db.execute(
                "UPDATE reminders SET lease_until = NULL"
                " WHERE id = ? AND status = 'claimed' AND attempts < ?",
                (reminder_id, max_claims),
            )
        )

    async def undelivered(self) -> list[ReminderRecord]:
        """Reminders given up, earliest moment first."""
        return await self._select(
            "status = 'undelivered'", (), order="due, partnership_id, send_at"
        )

    async def for_partnership(self, partnership_id: int) -> list[ReminderRecord]:
        """In the order they were (to be) sent."""
        return await self._select("partnership_id = ?", (partnership_id,), order="send_at")

    async def status_counts(self) -> dict[str, int]:
        """Reminders per status, every status present."""
        rows = await self._db.query("SELECT status, count(*) FROM reminders GROUP BY status")
        return {status: 0 for status in REMINDER_STATUSES} | {row[0]: row[1] for row in rows}

    async def claim_digest(self, week: str, now: datetime, lease: timedelta) -> bool:
        """True if this caller may post the digest of `week` (e.g. "2027-W09") now."""
        if not WEEK.fullmatch(week):
            raise ValueError(f"week must look like 2027-W09, not {week!r}")
        now_text, lease_until = _lease(now, lease)
        async with self._db.transaction() as transaction:
            claimed = await transaction.query(
                "INSERT INTO digests (week, status, lease_until) VALUES (?, 'claimed', ?)"
                " ON CONFLICT (week) DO UPDATE SET lease_until = excluded.lease_until"
                f" WHERE {_expired('digests')} RETURNING week",
                (week, lease_until, now_text),
            )
        return bool(claimed)

    async def mark_digest_sent(self, week: str, at: datetime) -> None:
        changed = await self._db.execute(
            "UPDATE digests SET status = 'sent', lease_until = NULL, sent_at = ? WHERE week = ?",
            (utc_text(at, "digest send time"), week),
        )
        if changed == 0:
            raise KeyError(f"no digest claimed for {week}")

    async def _settle(
        self, reminder_id: int, status: ReminderStatus, error: str | None, at: datetime
    ) -> None:
        changed = await self._db.execute(
            "UPDATE reminders SET status = ?, last_error = ?, lease_until = NULL, sent_at = ?"
            " WHERE id = ?",
            (status, error, utc_text(at, "reminder outcome time"), reminder_id),
        )
        if changed == 0:
            raise KeyError(f"unknown reminder {reminder_id}")

    async def _select(
        self, where: str, parameters: tuple[object, ...], order: str
    ) -> list[ReminderRecord]:
        rows = await self._db.query(
            "SELECT id, partnership_id, due, lead_days, send_at, status, attempts, last_error,"
            f" sent_at FROM reminders WHERE {where} ORDER BY {order}, id",
            parameters,
        )
        return [_record(row) for row in rows]


def _lease(now: datetime, lease: timedelta) -> tuple[str, str]:
    """The claim time and the end of its lease, as stored text."""
    if lease <= timedelta(0):
        raise ValueError("lease must be positive")
    return utc_text(now, "claim time"), utc_text(now + lease, "claim time")


def _record(row: Row) -> ReminderRecord:
    sent_at = row["sent_at"]
    return ReminderRecord(
        id=row["id"],
        partnership_id=row["partnership_id"],
        due=date.fromisoformat(row["due"]),
        lead_days=row["lead_days"],
        send_at=datetime.fromisoformat(row["send_at"]),
        status=row["status"],
        attempts=row["attempts"],
        last_error=row["last_error"],
        sent_at=None if sent_at is None else datetime.fromisoformat(sent_at),
    )
