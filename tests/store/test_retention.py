from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.retention import RetentionPeriods
from bot.store.database import Database
from bot.store.feedback import FeedbackRepository
from bot.store.retention import Purged, RetentionRepository
from bot.store.state_storage import SqlStateStorage

NOW = datetime(2027, 3, 1, 3, 0, tzinfo=UTC)
PERIODS = RetentionPeriods(feedback_days=90, state_days=30)


async def _state_at(db: Database, at: datetime, changes: dict[str, object]) -> None:
    await SqlStateStorage(db, clock=lambda: at).write(changes)


async def test_purge_deletes_old_feedback_and_untouched_conversations_only(db: Database):
    feedback = FeedbackRepository(db)
    await feedback.record("unanswered", None, "oude vraag", NOW - timedelta(days=91))
    await feedback.record("helpful", "jur-1", None, NOW - timedelta(days=91))
    await feedback.record("unanswered", None, "recente vraag", NOW - timedelta(days=89))
    old, recent = NOW - timedelta(days=31), NOW - timedelta(days=29)
    await _state_at(db, old, {"msteams/conversations/a:old": {"dialog": 1}})
    await _state_at(db, old, {"msteams/users/aad-anna": {"welcomed": True}})  # user state stays
    await _state_at(db, recent, {"msteams/conversations/a:recent": {"dialog": 2}})

    purged = await RetentionRepository(db).purge(date(2027, 3, 1), NOW, PERIODS)

    assert purged == Purged(feedback=2, states=1)
    assert [q.question for q in await feedback.unanswered()] == ["recente vraag"]
    assert await feedback.counts() == {
        "helpful": 0,
        "not_helpful": 0,
        "unanswered": 1,
        "unclear": 0,
    }
    keys = [row[0] for row in await db.query("SELECT key FROM state ORDER BY key")]
    assert keys == ["msteams/conversations/a:recent", "msteams/users/aad-anna"]
    [day] = await db.query("SELECT day, feedback, states FROM purges")
    assert (day[0], day[1], day[2]) == ("2027-03-01", 2, 1)  # counts, never content


async def test_purge_runs_once_a_day_across_instances(db_url: str):
    from bot.store.database import open_database

    async with open_database(db_url) as first, open_database(db_url) as second:
        await FeedbackRepository(first).record("unclear", None, "x", NOW - timedelta(days=100))
        today = date(2027, 3, 1)
        assert await RetentionRepository(first).purge(today, NOW, PERIODS) == Purged(1, 0)
        assert await RetentionRepository(second).purge(today, NOW, PERIODS) is None
        tomorrow = NOW + timedelta(days=1)
        assert await RetentionRepository(second).purge(
            date(2027, 3, 2), tomorrow, PERIODS
        ) == Purged(0, 0)


async def test_a_failed_purge_leaves_the_day_free_for_the_next_try(db: Database):
    class Broken(RetentionPeriods):
        def state_cutoff(self, now: datetime) -> datetime:
            raise RuntimeError("clock broke")

    await FeedbackRepository(db).record("unclear", None, "x", NOW - timedelta(days=100))
    with pytest.raises(RuntimeError):
        await RetentionRepository(db).purge(date(2027, 3, 1), NOW, Broken())
    assert await FeedbackRepository(db).counts() == {
        "helpful": 0, "not_helpful": 0, "unanswered": 0, "unclear": 1
    }  # fmt: skip
    assert await RetentionRepository(db).purge(date(2027, 3, 1), NOW, PERIODS) == Purged(1, 0)
