"""Completed appraisals (waarderingskader) with their nine rated cells: migration 5.

Times are UTC ISO 8601 text of fixed width, like the register. An appraisal of a partnership
that is not registered has no partnership id; `attach` links it once it is registered.
"Delete my data": `forget_user` removes the person; the appraisal stays with its partnership.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, get_args

from bot.domain.appraisal import Appraisal, CellRating, Waters
from bot.domain.appraisal_content import RATINGS
from bot.store.database import Database, Row, utc_text
from bot.store.register import _grouped, _require_partnership

WATERS: tuple[Waters, ...] = get_args(Waters)


class AppraisalRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, appraisal: Appraisal) -> Appraisal:
        """Store a completed appraisal with its ratings in order; returns it with its id."""
        if appraisal.id is not None:
            raise ValueError("a new appraisal must not have an id yet")
        completed_at = utc_text(appraisal.completed_at, "appraisal completion time")
        for given in appraisal.ratings:
            if given.rating not in RATINGS:
                raise ValueError(f"unknown rating {given.rating!r} for {given.cell}")
        if appraisal.waters is not None and appraisal.waters not in WATERS:
            raise ValueError(f"unknown waters {appraisal.waters!r}")
        change = appraisal.own_organisation_change
        async with self._db.transaction() as transaction:
            if appraisal.partnership_id is not None:
                await _require_partnership(transaction, appraisal.partnership_id)
            appraisal_id = await transaction.insert(
                "INSERT INTO appraisals (partnership_id, partnership_name, user_id, completed_at,"
                " opening, waters, own_organisation_change, phase, cooperation, next_steps,"
                " summary_markdown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    appraisal.partnership_id,
                    appraisal.partnership_name,
                    appraisal.user_id or None,
                    completed_at,
                    appraisal.opening,
                    appraisal.waters,
                    None if change is None else int(change),
                    appraisal.phase,
                    appraisal.cooperation,
                    ",".join(appraisal.next_steps),
                    appraisal.summary_markdown,
                ),
            )
            await transaction.executemany(
                "INSERT INTO appraisal_ratings (appraisal_id, position, cell, rating, note)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (appraisal_id, position, given.cell, given.rating, given.note)
                    for position, given in enumerate(appraisal.ratings)
                ],
            )
        return replace(appraisal, id=appraisal_id)

    async def get(self, appraisal_id: int) -> Appraisal | None:
        found = await self._select("a.id = ?", (appraisal_id,))
        return found[0] if found else None

    async def for_partnership(self, partnership_id: int) -> list[Appraisal]:
        """Newest first."""
        return await self._select("a.partnership_id = ?", (partnership_id,))

    async def for_partnerships(self, partnership_ids: Sequence[int]) -> dict[int, list[Appraisal]]:
        """Partnership id -> its appraisals, newest first (for the export)."""
        if not partnership_ids:
            return {}
        result: dict[int, list[Appraisal]] = {id_: [] for id_ in partnership_ids}
        for appraisal in await self._select("a.partnership_id IS NOT NULL", ()):
            if appraisal.partnership_id in result:
                result[appraisal.partnership_id].append(appraisal)
        return result

    async def latest(self, partnership_id: int) -> Appraisal | None:
        found = await self.for_partnership(partnership_id)
        return found[0] if found else None

    async def by_user(self, user_id: str) -> list[Appraisal]:
        """Newest first."""
        return await self._select("a.user_id = ?", (user_id,))

    async def attach(self, appraisal_id: int, partnership_id: int) -> bool:
        """Link an appraisal of a not yet registered partnership to it, once registered;
        False when there is no such appraisal or it belongs to a partnership already."""
        async with self._db.transaction() as transaction:
            await _require_partnership(transaction, partnership_id)
            changed = await transaction.execute(
                "UPDATE appraisals SET partnership_id = ? WHERE id = ? AND partnership_id IS NULL",
                (partnership_id, appraisal_id),
            )
        return bool(changed)

    async def forget_user(self, user_id: str) -> int:
        """Remove the person from their appraisals (the ratings stay); returns the count."""
        return await self._db.execute(
            "UPDATE appraisals SET user_id = NULL WHERE user_id = ?", (user_id,)
        )

    async def _select(self, where: str, parameters: Sequence[Any]) -> list[Appraisal]:
        """Appraisals matching `where` (on alias `a`) with their ratings, newest first."""
        async with self._db.transaction() as transaction:
            rows = await transaction.query(
                f"SELECT a.* FROM appraisals a WHERE {where}"
                " ORDER BY a.completed_at DESC, a.id DESC",
                parameters,
            )
            ratings = await _grouped(
                transaction,
                "SELECT r.appraisal_id, r.cell, r.rating, r.note FROM appraisal_ratings r"
                f" JOIN appraisals a ON a.id = r.appraisal_id WHERE {where}"
                " ORDER BY r.appraisal_id, r.position",
                parameters,
            )
        return [_appraisal(row, ratings[row["id"]]) for row in rows]


def _appraisal(row: Row, ratings: list[tuple[str, Any, str | None]]) -> Appraisal:
    change = row["own_organisation_change"]
    return Appraisal(
        id=row["id"],
        partnership_id=row["partnership_id"],
        partnership_name=row["partnership_name"],
        user_id=row["user_id"] or "",
        completed_at=datetime.fromisoformat(row["completed_at"]),
        opening=row["opening"],
        ratings=tuple(CellRating(cell, rating, note) for cell, rating, note in ratings),
        waters=row["waters"],
        own_organisation_change=None if change is None else bool(change),
        phase=row["phase"],
        cooperation=row["cooperation"],
        next_steps=tuple(step for step in row["next_steps"].split(",") if step),
        summary_markdown=row["summary_markdown"],
    )
