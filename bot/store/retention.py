"""Purging what is kept only for a while: feedback, and conversations left unfinished.

One purge a day across all instances: the day's row in `purges` is claimed in the same
transaction as the deletes, so a second instance finds it taken (or, if the first failed,
free again). Only counts are recorded, never content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.retention import RetentionPeriods
from bot.store.database import Database, utc_text

# Bot Framework conversation state (ConversationState) is stored under
# "<channel>/conversations/<conversation id>"; user state is not purged by age.
CONVERSATION_STATE = "%/conversations/%"


@dataclass(frozen=True)
class Purged:
    feedback: int
    states: int


class RetentionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def purge(self, day: date, now: datetime, periods: RetentionPeriods) -> Purged | None:
        """Delete what is older than its period; None when `day` was purged already."""
        async with self._db.transaction() as transaction:
            claimed = await transaction.one(
                "INSERT INTO purges (day, purged_at, feedback, states) VALUES (?, ?, 0, 0)"
                " ON CONFLICT (day) DO NOTHING RETURNING day",
                (day.isoformat(), utc_text(now, "purge time")),
            )
            if claimed is None:
                return None
            feedback = await transaction.execute(
                "DELETE FROM feedback WHERE created_at < ?",
                (utc_text(periods.feedback_cutoff(now), "retention cutoff"),),
            )
            states = await transaction.execute(
                "DELETE FROM state WHERE key LIKE ? AND updated_at < ?",
                (CONVERSATION_STATE, utc_text(periods.state_cutoff(now), "retention cutoff")),
            )
            await transaction.execute(
                "UPDATE purges SET feedback = ?, states = ? WHERE day = ?",
                (feedback, states, day.isoformat()),
            )
        return Purged(feedback, states)
