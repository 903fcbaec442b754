from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.store.database import Database
from bot.store.feedback import EntryFeedback, FeedbackRepository, UnansweredQuestion
from tests.store.backends import columns

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


async def test_summary_counts_ratings_per_entry_most_not_helpful_first_then_by_entry_id(
    db: Database,
):
    feedback = FeedbackRepository(db)
    for kind, entry_id in [
        ("helpful", "jur-1"),
        ("helpful", "jur-1"),
        ("not_helpful", "jur-2"),
        ("helpful", "jur-2"),
        ("not_helpful", "fin-1"),
        ("helpful", "com-1"),
        ("not_helpful", "inf-1"),
        ("not_helpful", "inf-1"),
        ("helpful", None),  # a rating without an entry is not attributable
        ("unclear", "jur-1"),  # not a rating
    ]:
        await feedback.record(kind, entry_id, None, T0)  # type: ignore[arg-type]
    assert await feedback.summary() == [
        EntryFeedback("inf-1", helpful=0, not_helpful=2),
        EntryFeedback("fin-1", helpful=0, not_helpful=1),
        EntryFeedback("jur-2", helpful=1, not_helpful=1),
        EntryFeedback("com-1", helpful=1, not_helpful=0),
        EntryFeedback("jur-1", helpful=2, not_helpful=0),
    ]


async def test_unanswered_groups_by_kind_and_question_most_frequent_then_most_recent_first(
    db: Database,
):
    feedback = FeedbackRepository(db)
    await feedback.record("unanswered", None, "wat kost een stichting", _at(1))
    await feedback.record("unanswered", None, "wat kost een stichting", _at(5))
    await feedback.record("unanswered", None, None, _at(2))
    await feedback.record("unanswered", None, None, _at(3))
    await feedback.record("unanswered", None, None, _at(4))
    await feedback.record("unclear", None, None, _at(6))
    await feedback.record("unclear", None, "mag dat", _at(7))
    await feedback.record("unclear", "jur-1", "wat kost een stichting", _at(0))
    await feedback.record("not_helpful", "jur-1", "wat kost een stichting", _at(9))
    assert await feedback.unanswered() == [
        UnansweredQuestion("unanswered", None, 3, _at(4)),
        UnansweredQuestion("unanswered", "wat kost een stichting", 2, _at(5)),
        UnansweredQuestion("unclear", "mag dat", 1, _at(7)),
        UnansweredQuestion("unclear", None, 1, _at(6)),
        UnansweredQuestion("unclear", "wat kost een stichting", 1, _at(0)),
    ]
    assert await feedback.unanswered(limit=2) == (await feedback.unanswered())[:2]


async def test_unanswered_without_question_comes_first_among_equals_on_every_backend(
    db: Database,
):
    feedback = FeedbackRepository(db)
    await feedback.record("unclear", None, "b", T0)
    await feedback.record("unclear", None, None, T0)
    await feedback.record("unclear", None, "a", T0)
    assert [q.question for q in await feedback.unanswered()] == [None, "a", "b"]


async def test_time_is_stored_as_utc_iso_text_and_read_back_as_the_same_instant(db: Database):
    feedback = FeedbackRepository(db)
    amsterdam = timezone(timedelta(hours=2))
    await feedback.record(
        "unanswered", None, "vraag", datetime(2025, 6, 1, 10, 30, tzinfo=amsterdam)
    )
    [row] = await db.query("SELECT created_at FROM feedback")
    assert row[0] == "2025-06-01T08:30:00.000000+00:00"
    (question,) = await feedback.unanswered()
    assert question.last_seen == datetime(2025, 6, 1, 8, 30, tzinfo=UTC)
    assert question.last_seen.utcoffset() == timedelta(0)


async def test_counts_totals_every_kind_including_those_never_recorded(db: Database):
    feedback = FeedbackRepository(db)
    await feedback.record("helpful", "jur-1", None, T0)
    await feedback.record("helpful", "jur-2", None, T0)
    await feedback.record("unclear", None, "iets", T0)
    assert await feedback.counts() == {
        "helpful": 2,
        "not_helpful": 0,
        "unanswered": 0,
        "unclear": 1,
    }


async def test_a_naive_datetime_is_rejected_and_nothing_is_stored(db: Database):
    feedback = FeedbackRepository(db)
    with pytest.raises(ValueError, match="^feedback time must be timezone-aware$"):
        await feedback.record("helpful", "jur-1", None, datetime(2025, 3, 1, 9, 0))
    assert (await db.query("SELECT count(*) FROM feedback"))[0][0] == 0


async def test_an_unknown_kind_is_rejected(db: Database):
    with pytest.raises(ValueError, match="^unknown feedback kind 'great'$"):
        await FeedbackRepository(db).record("great", "jur-1", None, T0)  # type: ignore[arg-type]


async def test_a_limit_below_one_is_rejected(db: Database):
    with pytest.raises(ValueError, match="^limit must be at least 1$"):
        await FeedbackRepository(db).unanswered(limit=0)


async def test_the_feedback_table_has_no_column_that_could_identify_a_user(db: Database):
    assert await columns(db, "feedback") == ["id", "created_at", "kind", "entry_id", "question"]
