"""Feedback for content authors: answer ratings and questions the bot could not answer.

Privacy: no user identity is ever stored; question text only when the caller passes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from bot.store.database import Database, utc_text

FeedbackKind = Literal["helpful", "not_helpful", "unanswered", "unclear"]
FEEDBACK_KINDS: tuple[FeedbackKind, ...] = get_args(FeedbackKind)


@dataclass(frozen=True)
class EntryFeedback:
    entry_id: str
    helpful: int
    not_helpful: int


@dataclass(frozen=True)
class UnansweredQuestion:
    kind: str
    question: str | None
    count: int
    last_seen: datetime


class FeedbackRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self, kind: FeedbackKind, entry_id: str | None, question: str | None, at: datetime
    ) -> None:
        if kind not in FEEDBACK_KINDS:
            raise ValueError(f"unknown feedback kind {kind!r}")
        await self._db.execute(
            "INSERT INTO feedback (created_at, kind, entry_id, question) VALUES (?, ?, ?, ?)",
            (utc_text(at, "feedback time"), kind, entry_id, question),
        )

    async def summary(self) -> list[EntryFeedback]:
        """Ratings per entry, the most 'not helpful' first."""
        rows = await self._db.query(
            "SELECT entry_id, count(*) FILTER (WHERE kind = 'helpful'),"
            " count(*) FILTER (WHERE kind = 'not_helpful') AS not_helpful"
            " FROM feedback"
            " WHERE kind IN ('helpful', 'not_helpful') AND entry_id IS NOT NULL"
            " GROUP BY entry_id ORDER BY not_helpful DESC, entry_id"
        )
        return [EntryFeedback(row[0], row[1], row[2]) for row in rows]

    async def unanswered(self, limit: int = 50) -> list[UnansweredQuestion]:
        """Unanswered and unclear questions, the most frequent first, then the most recent."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        rows = await self._db.query(
            "SELECT kind, question, count(*) AS n, max(created_at) AS last_seen"
            " FROM feedback WHERE kind IN ('unanswered', 'unclear')"
            " GROUP BY kind, question"  # all NULL questions of a kind form one group
            # NULL first, explicitly: SQLite sorts NULL first, PostgreSQL last.
            " ORDER BY n DESC, last_seen DESC, kind, question IS NOT NULL, question"
            " LIMIT ?",
            (limit,),
        )
        return [
            UnansweredQuestion(row[0], row[1], row[2], datetime.fromisoformat(row[3]))
            for row in rows
        ]

    async def counts(self) -> dict[str, int]:
        """Total per kind, every kind present."""
        rows = await self._db.query("SELECT kind, count(*) FROM feedback GROUP BY kind")
        return {kind: 0 for kind in FEEDBACK_KINDS} | {row[0]: row[1] for row in rows}
