"""The partnership register, its evaluation history and completed theme intakes.

Tables of migrations 2, 3 and 6 (importance, the kind of a past moment). Times are stored as
UTC ISO 8601 text of fixed width (text order is time order), dates as YYYY-MM-DD. Reads that
span several tables run in one transaction, so they see one state.

"Delete my data": `PartnershipRepository.forget_person` and `IntakeRepository.forget_user`.
An account holder stays on record until the partnership is handed over; intake answers and
evaluation events stay with their partnership, without the person who gave them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any, get_args

from bot.domain.intake import ANSWERS, ItemAnswer, StoredIntake
from bot.domain.register import Partnership, Person
from bot.domain.schedule import EvaluationEvent, EventKind
from bot.store.database import Database, Row, Transaction, utc_text

FORGOTTEN_NAME = "verwijderd"  # shown where a creator asked to be forgotten
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)

# Columns `update` rewrites, in the order `_mutable_values` gives them.
_MUTABLE_COLUMNS = (
    "name",
    "purpose",
    "form",
    "mandated",
    "phase",
    "account_holder_id",
    "account_holder_name",
    "next_evaluation",
    "cadence",
    "archived",
    "evaluation_kind",
    "reminders",
    "importance",
)
_INSERT_COLUMNS = (*_MUTABLE_COLUMNS, "created_by_id", "created_by_name", "created_at")
# Next evaluation first (none last), then by name.
_OVERVIEW_ORDER = "p.next_evaluation IS NULL, p.next_evaluation, lower(p.name), p.id"


class PartnershipRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, partnership: Partnership) -> Partnership:
        """Store a new partnership; returns it with its id."""
        if partnership.id is not None:
            raise ValueError("a new partnership must not have an id yet")
        created_at = utc_text(partnership.created_at, "partnership creation time")
        values = (
            *_mutable_values(partnership),
            partnership.created_by.id,
            partnership.created_by.name,
            created_at,
            created_at,  # updated_at
        )
        async with self._db.transaction() as transaction:
            partnership_id = await transaction.insert(
                f"INSERT INTO partnerships ({', '.join(_INSERT_COLUMNS)}, updated_at)"
                f" VALUES ({', '.join('?' * len(values))})",
                values,
            )
            await _insert_partners_and_flags(transaction, partnership_id, partnership)
        return replace(partnership, id=partnership_id)

    async def get(self, partnership_id: int) -> Partnership | None:
        found = await self._select("p.id = ?", (partnership_id,))
        return found[0] if found else None

    async def mine(self, person_id: str, *, include_archived: bool = False) -> list[Partnership]:
        """Where the person is account holder or creator; next evaluation first (none last)."""
        _require_person_id(person_id)
        where = "(p.account_holder_id = ? OR p.created_by_id = ?)"
        if not include_archived:
            where += " AND p.archived = 0"
        return await self._select(where, (person_id, person_id))

    async def due_for_reminders(
        self, until: date, *, limit: int | None = None
    ) -> list[Partnership]:
        """Not archived, reminders on, next evaluation on or before `until` (overdue included).

        Earliest moment first, then by id; served by the index partnerships_reminders_due.
        """
        if limit is not None and limit < 1:
            raise ValueError("limit must be at least 1")
        return await self._select(
            "p.archived = 0 AND p.reminders = 1"
            " AND p.next_evaluation IS NOT NULL AND p.next_evaluation <= ?",
            (until.isoformat(),),
            order="p.next_evaluation, p.id",
            limit=limit,
        )

    async def every(self, *, include_archived: bool = False) -> list[Partnership]:
        """Every partnership (archived ones too when asked), by name: the register export."""
        where = "1 = 1" if include_archived else "p.archived = 0"
        return await self._select(where, (), order="lower(p.name), p.id")

    async def upcoming(self, until: date) -> list[Partnership]:
        """Not archived, next evaluation on or before `until` (overdue included), reminders
        on or off: the weekly digest. Earliest moment first, then by name."""
        return await self._select("p.archived = 0 AND p.next_evaluation <= ?", (until.isoformat(),))

    async def update(
        self, partnership: Partnership, at: datetime, event: EvaluationEvent | None = None
    ) -> None:
        """Rewrite every mutable field (not the creator or creation time); `KeyError` if unknown.

        `event`: the completed or postponed moment that caused the change, recorded in the
        same transaction, so the history and the next moment never disagree.
        """
        if partnership.id is None:
            raise ValueError("a partnership without an id cannot be updated")
        updated_at = utc_text(at, "partnership update time")
        assignments = ", ".join(f"{column} = ?" for column in _MUTABLE_COLUMNS)
        async with self._db.transaction() as transaction:
            if event is not None:
                await _insert_event(transaction, event)
            changed = await transaction.execute(
                f"UPDATE partnerships SET {assignments}, updated_at = ? WHERE id = ?",
                (*_mutable_values(partnership), updated_at, partnership.id),
            )
            if changed == 0:
                raise KeyError(f"unknown partnership {partnership.id}")
            for table in ("partnership_partners", "partnership_flags"):
                await transaction.execute(
                    f"DELETE FROM {table} WHERE partnership_id = ?", (partnership.id,)
                )
            await _insert_partners_and_flags(transaction, partnership.id, partnership)

    async def request_handover(
        self, partnership_id: int, requested_by: Person, new_holder: Person, at: datetime
    ) -> None:
        """Record that `requested_by` asks to hand the partnership over to `new_holder`."""
        if not new_holder.id.strip():
            raise ValueError("the new account holder must not be empty")
        requested_at = utc_text(at, "hand-over request time")
        async with self._db.transaction() as transaction:
            await _require_partnership(transaction, partnership_id)
            await transaction.execute(
                "INSERT INTO partnership_handovers"
                " (partnership_id, requested_by_id, new_holder_id, new_holder, requested_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (partnership_id, requested_by.id, new_holder.id, new_holder.name, requested_at),
            )

    async def offered_to(self, person_id: str) -> list[Partnership]:
        """Active partnerships someone asked to hand over to this person (Entra object id)."""
        return await self._select(
            "p.archived = 0 AND p.id IN (SELECT partnership_id FROM partnership_handovers"
            " WHERE new_holder_id = ?)",
            (person_id,),
        )

    async def people_named(self, typed: str) -> list[Person]:
        """Account holders whose name contains `typed` (case ignored), for a typed hand-over."""
        rows = await self._db.query(
            "SELECT account_holder_id, account_holder_name FROM partnerships"
            " WHERE account_holder_id != ''"
            f" AND {self._db.dialect.contains('lower(account_holder_name)', 'lower(?)')}"
            # GROUP BY, not DISTINCT: PostgreSQL sorts a DISTINCT only by what it selects.
            # An order of its own: without one each backend returns its own.
            " GROUP BY account_holder_id, account_holder_name"
            " ORDER BY lower(account_holder_name), account_holder_name, account_holder_id",
            (typed.strip(),),
        )
        return [Person(row[0], row[1]) for row in rows]

    async def take_over(self, partnership: Partnership, new_holder: Person, at: datetime) -> None:
        """The new account holder accepted: record them and close the hand-over requests."""
        await self.update(replace(partnership, account_holder=new_holder), at)
        await self._db.execute(
            "DELETE FROM partnership_handovers WHERE partnership_id = ?", (partnership.id,)
        )

    async def add_event(self, event: EvaluationEvent) -> None:
        """Record that an evaluation moment was completed or postponed; `KeyError` if unknown."""
        async with self._db.transaction() as transaction:
            await _insert_event(transaction, event)

    async def events(self, partnership_id: int) -> list[EvaluationEvent]:
        """The partnership's completed and postponed moments, oldest first."""
        rows = await self._db.query(
            "SELECT partnership_id, kind, due, new_due, reason, by_id, at, evaluation_kind"
            " FROM evaluation_events WHERE partnership_id = ? ORDER BY at, id",
            (partnership_id,),
        )
        return [
            EvaluationEvent(
                partnership_id=row["partnership_id"],
                kind=row["kind"],
                due=date.fromisoformat(row["due"]),
                new_due=None if row["new_due"] is None else date.fromisoformat(row["new_due"]),
                reason=row["reason"],
                by_id=row["by_id"],
                at=datetime.fromisoformat(row["at"]),
                moment_kind=row["evaluation_kind"],
            )
            for row in rows
        ]

    async def handovers(self, partnership_id: int) -> list[tuple[str, Person, datetime]]:
        """(requested_by_id, new holder, requested_at), oldest first."""
        rows = await self._db.query(
            "SELECT requested_by_id, new_holder_id, new_holder, requested_at"
            " FROM partnership_handovers WHERE partnership_id = ? ORDER BY requested_at, id",
            (partnership_id,),
        )
        return [
            (row[0], Person(row[1] or "", row[2]), datetime.fromisoformat(row[3])) for row in rows
        ]

    async def forget_person(self, person_id: str) -> int:
        """Erase the person as creator (not as account holder) and from evaluation events, and
        drop their hand-over requests.

        Returns the number of rows changed. An account holder must hand over first.
        """
        _require_person_id(person_id)
        async with self._db.transaction() as transaction:
            creators = await transaction.execute(
                "UPDATE partnerships SET created_by_id = '', created_by_name = ?"
                " WHERE created_by_id = ? AND account_holder_id <> ?",
                (FORGOTTEN_NAME, person_id, person_id),
            )
            requests = await transaction.execute(
                "DELETE FROM partnership_handovers WHERE requested_by_id = ?", (person_id,)
            )
            events = await transaction.execute(
                "UPDATE evaluation_events SET by_id = '' WHERE by_id = ?", (person_id,)
            )
        return creators + requests + events

    async def _select(
        self,
        where: str,
        parameters: Sequence[Any],
        *,
        order: str = _OVERVIEW_ORDER,
        limit: int | None = None,
    ) -> list[Partnership]:
        """Partnerships matching `where` (on alias `p`) in `order`, at most `limit`, with
        their partners and flags."""
        chosen = f"FROM partnerships p WHERE {where} ORDER BY {order}"
        bound = tuple(parameters)
        if limit is not None:
            chosen, bound = f"{chosen} LIMIT ?", (*bound, limit)
        async with self._db.transaction() as transaction:
            rows = await transaction.query(f"SELECT p.* {chosen}", bound)
            partners = await _grouped(
                transaction,
                "SELECT partnership_id, name FROM partnership_partners"
                f" WHERE partnership_id IN (SELECT p.id {chosen})"
                " ORDER BY partnership_id, position",
                bound,
            )
            flags = await _grouped(
                transaction,
                "SELECT partnership_id, flag FROM partnership_flags"
                f" WHERE partnership_id IN (SELECT p.id {chosen})",
                bound,
            )
        return [
            _partnership(row, tuple(partners[row["id"]]), frozenset(flags[row["id"]]))
            for row in rows
        ]


class IntakeRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, intake: StoredIntake) -> StoredIntake:
        """Store a completed intake with its answers in order; returns it with its id."""
        if intake.id is not None:
            raise ValueError("a new intake must not have an id yet")
        completed_at = utc_text(intake.completed_at, "intake completion time")
        for answer in intake.answers:
            if answer.answer is not None and answer.answer not in ANSWERS:
                raise ValueError(f"unknown answer {answer.answer!r} for {answer.item_id}")
        async with self._db.transaction() as transaction:
            if intake.partnership_id is not None:
                await _require_partnership(transaction, intake.partnership_id)
            intake_id = await transaction.insert(
                "INSERT INTO intakes"
                " (partnership_id, theme, user_id, completed_at, summary_markdown)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    intake.partnership_id,
                    intake.theme,
                    intake.user_id or None,
                    completed_at,
                    intake.summary_markdown,
                ),
            )
            await transaction.executemany(
                "INSERT INTO intake_answers (intake_id, position, item_id, answer, note)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (intake_id, position, answer.item_id, answer.answer, answer.note)
                    for position, answer in enumerate(intake.answers)
                ],
            )
        return replace(intake, id=intake_id)

    async def get(self, intake_id: int) -> StoredIntake | None:
        found = await self._select("i.id = ?", (intake_id,))
        return found[0] if found else None

    async def for_partnership(self, partnership_id: int) -> list[StoredIntake]:
        """Newest first."""
        return await self._select("i.partnership_id = ?", (partnership_id,))

    async def by_user(self, user_id: str) -> list[StoredIntake]:
        """Newest first."""
        return await self._select("i.user_id = ?", (user_id,))

    async def forget_user(self, user_id: str) -> int:
        """Remove the person from their intakes (the answers stay); returns the intakes changed.

        A forgotten intake reads back with `user_id` "".
        """
        return await self._db.execute(
            "UPDATE intakes SET user_id = NULL WHERE user_id = ?", (user_id,)
        )

    async def _select(self, where: str, parameters: Sequence[Any]) -> list[StoredIntake]:
        """Intakes matching `where` (on alias `i`) with their answers, newest first."""
        async with self._db.transaction() as transaction:
            rows = await transaction.query(
                f"SELECT i.* FROM intakes i WHERE {where} ORDER BY i.completed_at DESC, i.id DESC",
                parameters,
            )
            answers = await _grouped(
                transaction,
                "SELECT a.intake_id, a.item_id, a.answer, a.note FROM intake_answers a"
                f" JOIN intakes i ON i.id = a.intake_id WHERE {where}"
                " ORDER BY a.intake_id, a.position",
                parameters,
            )
        return [
            StoredIntake(
                id=row["id"],
                partnership_id=row["partnership_id"],
                theme=row["theme"],
                user_id=row["user_id"] or "",
                completed_at=datetime.fromisoformat(row["completed_at"]),
                answers=tuple(ItemAnswer(*values) for values in answers[row["id"]]),
                summary_markdown=row["summary_markdown"],
            )
            for row in rows
        ]


def _mutable_values(partnership: Partnership) -> tuple[object, ...]:
    next_evaluation = partnership.next_evaluation
    return (
        partnership.name,
        partnership.purpose,
        partnership.form,
        int(partnership.mandated),
        partnership.phase,
        partnership.account_holder.id,
        partnership.account_holder.name,
        None if next_evaluation is None else next_evaluation.isoformat(),
        partnership.cadence,
        int(partnership.archived),
        partnership.evaluation_kind,
        int(partnership.reminders),
        partnership.importance,
    )


async def _insert_partners_and_flags(
    transaction: Transaction, partnership_id: int, partnership: Partnership
) -> None:
    await transaction.executemany(
        "INSERT INTO partnership_partners (partnership_id, position, name) VALUES (?, ?, ?)",
        [(partnership_id, position, name) for position, name in enumerate(partnership.partners)],
    )
    await transaction.executemany(
        "INSERT INTO partnership_flags (partnership_id, flag) VALUES (?, ?)",
        [(partnership_id, flag) for flag in sorted(partnership.flags)],
    )


def _partnership(row: Row, partners: tuple[str, ...], flags: frozenset[str]) -> Partnership:
    next_evaluation = row["next_evaluation"]
    return Partnership(
        id=row["id"],
        name=row["name"],
        purpose=row["purpose"],
        partners=partners,
        form=row["form"],
        mandated=bool(row["mandated"]),
        phase=row["phase"],
        flags=flags,
        account_holder=Person(row["account_holder_id"], row["account_holder_name"]),
        created_by=Person(row["created_by_id"], row["created_by_name"]),
        next_evaluation=None if next_evaluation is None else date.fromisoformat(next_evaluation),
        cadence=row["cadence"],
        created_at=datetime.fromisoformat(row["created_at"]),
        archived=bool(row["archived"]),
        evaluation_kind=row["evaluation_kind"],
        reminders=bool(row["reminders"]),
        importance=row["importance"],
    )


async def _grouped(
    transaction: Transaction, sql: str, parameters: Sequence[Any]
) -> defaultdict[int, list[Any]]:
    """Rows of (owner id, *values) as {owner id: [value, or tuple of values, ...]}."""
    grouped: defaultdict[int, list[Any]] = defaultdict(list)
    for owner, *values in await transaction.query(sql, parameters):
        grouped[owner].append(values[0] if len(values) == 1 else tuple(values))
    return grouped


async def _require_partnership(transaction: Transaction, partnership_id: int) -> None:
    if await transaction.one("SELECT 1 FROM partnerships WHERE id = ?", (partnership_id,)) is None:
        raise KeyError(f"unknown partnership {partnership_id}")


def _require_person_id(person_id: str) -> None:
    # A forgotten creator is stored with id '': an empty id must never match it.
    if not person_id:
        raise ValueError("person id must not be empty")


async def _insert_event(transaction: Transaction, event: EvaluationEvent) -> None:
    if event.kind not in EVENT_KINDS:
        raise ValueError(f"unknown evaluation event kind {event.kind!r}")
    at = utc_text(event.at, "evaluation event time")
    new_due = None if event.new_due is None else event.new_due.isoformat()
    await _require_partnership(transaction, event.partnership_id)
    await transaction.execute(
        "INSERT INTO evaluation_events"
        " (partnership_id, kind, due, new_due, reason, by_id, at, evaluation_kind)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.partnership_id,
            event.kind,
            event.due.isoformat(),
            new_due,
            event.reason,
            event.by_id,
            at,
            event.moment_kind,
        ),
    )
