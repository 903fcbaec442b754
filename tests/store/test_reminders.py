from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.domain.register import Partnership, Person
from bot.domain.schedule import PlannedReminder
from bot.store.database import Database, open_database
from bot.store.register import PartnershipRepository
from bot.store.reminders import ReminderRecord, ReminderRepository
from tests.store.backends import refused_by_constraint

AMSTERDAM = timezone(timedelta(hours=1))
NOW = datetime(2027, 2, 1, 8, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
DUE = date(2027, 3, 3)
ANNA = Person("aad-anna", "Anna de Vries")


def _planned(lead_days: int = 30, partnership_id: int = 1, due: date = DUE) -> PlannedReminder:
    send_at = datetime.combine(due - timedelta(days=lead_days), datetime.min.time(), UTC)
    return PlannedReminder(partnership_id, due, lead_days, send_at + timedelta(hours=8))


async def _add_partnerships(db: Database, count: int = 1) -> None:
    partnerships = PartnershipRepository(db)
    for number in range(count):
        await partnerships.add(
            Partnership(
                id=None,
                name=f"Samenwerking {number + 1}",
                purpose="",
                partners=(),
                form="overeenkomst",
                mandated=False,
                phase="uitvoeren",
                flags=frozenset(),
                account_holder=ANNA,
                created_by=ANNA,
                next_evaluation=DUE,
                cadence="jaarlijks",
                created_at=NOW,
            )
        )


@pytest.fixture
async def reminders(db: Database) -> ReminderRepository:
    await _add_partnerships(db, 2)
    return ReminderRepository(db)


def _record(**fields: object) -> ReminderRecord:
    values: dict[str, object] = {
        "id": 1,
        "partnership_id": 1,
        "due": DUE,
        "lead_days": 30,
        "send_at": datetime(2027, 2, 1, 8, 0, tzinfo=UTC),
        "status": "claimed",
        "attempts": 1,
        "last_error": None,
        "sent_at": None,
    }
    return ReminderRecord(**(values | fields))  # type: ignore[arg-type]


# Claims and leases


async def test_a_first_claim_stores_the_reminder_claimed_with_a_lease_and_returns_its_id(
    reminders: ReminderRepository, db: Database
):
    assert await reminders.claim(_planned(), NOW.astimezone(AMSTERDAM), LEASE) == 1
    assert await reminders.for_partnership(1) == [_record()]
    row = (await db.query("SELECT send_at, lease_until FROM reminders"))[0]
    assert tuple(row) == ("2027-02-01T08:00:00.000000+00:00", "2027-02-01T08:10:00.000000+00:00")


async def test_a_claim_while_the_lease_runs_is_refused(reminders: ReminderRepository):
    assert await reminders.claim(_planned(), NOW, LEASE) == 1
    assert await reminders.claim(_planned(), NOW, LEASE) is None
    assert await reminders.claim(_planned(), NOW + LEASE, LEASE) is None  # the lease's last moment
    assert await reminders.for_partnership(1) == [_record(attempts=1)]


async def test_a_claim_after_the_lease_ran_out_takes_it_over_with_a_new_lease_and_a_second_attempt(
    reminders: ReminderRepository, db: Database
):
    assert await reminders.claim(_planned(), NOW, LEASE) == 1
    later = NOW + LEASE + timedelta(microseconds=1)
    assert await reminders.claim(_planned(), later, LEASE) == 1
    assert await reminders.for_partnership(1) == [_record(attempts=2)]
    lease_until = (await db.query("SELECT lease_until FROM reminders"))[0][0]
    assert lease_until == "2027-02-01T08:20:00.000001+00:00"
    assert await reminders.claim(_planned(), later + timedelta(minutes=5), LEASE) is None


@pytest.mark.parametrize("settle", ["sent", "undelivered"])
async def test_a_sent_or_undelivered_reminder_is_never_claimed_again(
    reminders: ReminderRepository, settle: str
):
    reminder_id = await reminders.claim(_planned(), NOW, LEASE)
    assert reminder_id == 1
    if settle == "sent":
        await reminders.mark_sent(reminder_id, NOW)
    else:
        await reminders.mark_undelivered(reminder_id, "failed", NOW)
    assert await reminders.claim(_planned(), NOW + timedelta(days=30), LEASE) is None
    assert (await reminders.for_partnership(1))[0].attempts == 1


async def test_two_databases_on_one_file_never_both_claim_the_same_reminder(db_url: str):
    async with open_database(db_url) as first_db, open_database(db_url) as second_db:
        await _add_partnerships(first_db)
        first, second = ReminderRepository(first_db), ReminderRepository(second_db)
        assert await first.claim(_planned(), NOW, LEASE) == 1
        assert await second.claim(_planned(), NOW, LEASE) is None
        assert await second.claim(_planned(7), NOW, LEASE) == 2
        assert await first.claim(_planned(7), NOW, LEASE) is None
        later = NOW + timedelta(hours=1)
        assert await second.claim(_planned(), later, LEASE) == 1  # first's lease ran out
        assert await first.claim(_planned(), later, LEASE) is None
        assert await first.status_counts() == {"claimed": 2, "sent": 0, "undelivered": 0}


async def test_a_sent_reminder_with_fewer_lead_days_blocks_the_earlier_ones_of_that_moment(
    reminders: ReminderRepository,
):
    seven = await reminders.claim(_planned(7), NOW, LEASE)
    assert seven == 1
    assert await reminders.claim(_planned(30), NOW, LEASE) == 2  # not sent yet: no block
    await reminders.mark_sent(seven, NOW)
    later = NOW + timedelta(hours=1)
    assert await reminders.claim(_planned(30), later, LEASE) is None  # lease ran out, still blocked
    assert await reminders.claim(_planned(0), later, LEASE) == 3  # fewer lead days: not blocked
    assert await reminders.claim(_planned(30, due=date(2028, 3, 3)), later, LEASE) == 4
    assert await reminders.claim(_planned(30, partnership_id=2), later, LEASE) == 5


async def test_an_undelivered_reminder_with_fewer_lead_days_does_not_block(
    reminders: ReminderRepository,
):
    await reminders.mark_undelivered(
        await reminders.claim(_planned(7), NOW, LEASE) or 0, "failed", NOW
    )
    assert await reminders.claim(_planned(30), NOW, LEASE) == 2


async def test_release_keeps_the_claim_and_its_attempts_and_frees_it_for_the_next_claim(
    reminders: ReminderRepository,
):
    assert await reminders.claim(_planned(), NOW, LEASE) == 1
    await reminders.release(1)
    assert await reminders.for_partnership(1) == [_record(attempts=1)]
    assert await reminders.claim(_planned(), NOW, LEASE) == 1
    assert await reminders.for_partnership(1) == [_record(attempts=2)]
    assert await reminders.claim(_planned(), NOW, LEASE) is None


async def test_release_of_a_reminder_that_is_not_claimed_raises_key_error(
    reminders: ReminderRepository,
):
    await reminders.mark_sent(await reminders.claim(_planned(), NOW, LEASE) or 0, NOW)
    with pytest.raises(KeyError, match="no claimed reminder 1"):
        await reminders.release(1)
    with pytest.raises(KeyError, match="no claimed reminder 9"):
        await reminders.release(9)


@pytest.mark.parametrize("lease", [timedelta(0), timedelta(seconds=-1)])
async def test_a_lease_that_is_not_positive_is_refused(
    reminders: ReminderRepository, lease: timedelta
):
    with pytest.raises(ValueError, match="^lease must be positive$"):
        await reminders.claim(_planned(), NOW, lease)
    with pytest.raises(ValueError, match="^lease must be positive$"):
        await reminders.claim_digest("2027-W05", NOW, lease)


async def test_a_naive_claim_or_send_time_is_refused_and_nothing_is_stored(
    reminders: ReminderRepository, db: Database
):
    with pytest.raises(ValueError, match="^claim time must be timezone-aware$"):
        await reminders.claim(_planned(), datetime(2027, 2, 1, 8, 0), LEASE)
    naive = PlannedReminder(1, DUE, 30, datetime(2027, 2, 1, 8, 0))
    with pytest.raises(ValueError, match="^reminder send time must be timezone-aware$"):
        await reminders.claim(naive, NOW, LEASE)
    assert (await db.query("SELECT count(*) FROM reminders"))[0][0] == 0


async def test_a_claim_for_an_unknown_partnership_is_refused_by_the_database(
    reminders: ReminderRepository, db: Database
):
    with refused_by_constraint(db, "foreign key"):
        await reminders.claim(_planned(partnership_id=9), NOW, LEASE)


# Outcomes and overviews


async def test_mark_sent_and_mark_undelivered_record_the_outcome_and_end_the_lease(
    reminders: ReminderRepository, db: Database
):
    sent = await reminders.claim(_planned(30), NOW, LEASE) or 0
    failed = await reminders.claim(_planned(7), NOW, LEASE) or 0
    await reminders.mark_sent(sent, NOW + timedelta(seconds=2))
    await reminders.mark_undelivered(failed, "unreachable", (NOW + timedelta(seconds=3)))
    assert await reminders.for_partnership(1) == [
        _record(id=1, status="sent", sent_at=NOW + timedelta(seconds=2)),
        _record(
            id=2,
            lead_days=7,
            send_at=datetime(2027, 2, 24, 8, 0, tzinfo=UTC),
            status="undelivered",
            last_error="unreachable",
            sent_at=NOW + timedelta(seconds=3),
        ),
    ]
    assert [row[0] for row in await db.query("SELECT lease_until FROM reminders")] == [None, None]


async def test_marking_an_unknown_reminder_raises_key_error(reminders: ReminderRepository):
    with pytest.raises(KeyError, match="unknown reminder 4"):
        await reminders.mark_sent(4, NOW)
    with pytest.raises(KeyError, match="unknown reminder 4"):
        await reminders.mark_undelivered(4, "failed", NOW)


async def test_undelivered_lists_the_given_up_reminders_earliest_moment_first(
    reminders: ReminderRepository,
):
    for planned in [
        _planned(7, partnership_id=2, due=date(2027, 4, 1)),
        _planned(30, partnership_id=1),
        _planned(7, partnership_id=1),
        _planned(0, partnership_id=1, due=date(2027, 1, 5)),
    ]:
        await reminders.claim(planned, NOW, LEASE)
    await reminders.mark_undelivered(1, "failed", NOW)
    await reminders.mark_sent(2, NOW)
    await reminders.mark_undelivered(4, "unreachable", NOW)
    assert [
        (r.id, r.partnership_id, r.due, r.last_error) for r in await reminders.undelivered()
    ] == [
        (4, 1, date(2027, 1, 5), "unreachable"),
        (1, 2, date(2027, 4, 1), "failed"),
    ]


async def test_for_partnership_lists_its_reminders_in_send_order_only(
    reminders: ReminderRepository,
):
    await reminders.claim(_planned(0), NOW, LEASE)
    await reminders.claim(_planned(30, partnership_id=2), NOW, LEASE)
    await reminders.claim(_planned(30), NOW, LEASE)
    await reminders.claim(_planned(7), NOW, LEASE)
    assert [(r.id, r.lead_days) for r in await reminders.for_partnership(1)] == [
        (3, 30),
        (4, 7),
        (1, 0),
    ]
    assert [r.id for r in await reminders.for_partnership(2)] == [2]
    assert await reminders.for_partnership(9) == []


async def test_status_counts_totals_every_status_including_those_never_reached(
    reminders: ReminderRepository,
):
    assert await reminders.status_counts() == {"claimed": 0, "sent": 0, "undelivered": 0}
    await reminders.claim(_planned(30), NOW, LEASE)
    await reminders.claim(_planned(7), NOW, LEASE)
    await reminders.claim(_planned(0), NOW, LEASE)
    await reminders.mark_sent(1, NOW)
    await reminders.mark_sent(2, NOW)
    assert await reminders.status_counts() == {"claimed": 1, "sent": 2, "undelivered": 0}


async def test_claims_and_outcomes_survive_a_restart(db_url: str):
    async with open_database(db_url) as db:
        await _add_partnerships(db)
        reminders = ReminderRepository(db)
        await reminders.mark_sent(await reminders.claim(_planned(30), NOW, LEASE) or 0, NOW)
        await reminders.claim(_planned(7), NOW, LEASE)
    async with open_database(db_url) as db:
        reminders = ReminderRepository(db)
        assert await reminders.claim(_planned(30), NOW, LEASE) is None
        assert await reminders.claim(_planned(7), NOW, LEASE) is None
        assert await reminders.claim(_planned(7), NOW + timedelta(hours=1), LEASE) == 2


# The weekly digest


async def test_a_digest_is_claimed_once_per_week_until_its_lease_runs_out(
    reminders: ReminderRepository,
):
    assert await reminders.claim_digest("2027-W05", NOW, LEASE) is True
    assert await reminders.claim_digest("2027-W05", NOW + LEASE, LEASE) is False
    assert await reminders.claim_digest("2027-W06", NOW, LEASE) is True
    later = NOW + LEASE + timedelta(seconds=1)
    assert await reminders.claim_digest("2027-W05", later, LEASE) is True  # the poster died
    assert await reminders.claim_digest("2027-W05", later, LEASE) is False


async def test_a_sent_digest_is_never_claimed_again_and_keeps_its_send_time(
    reminders: ReminderRepository, db: Database
):
    assert await reminders.claim_digest("2027-W05", NOW, LEASE) is True
    await reminders.mark_digest_sent("2027-W05", NOW.astimezone(AMSTERDAM))
    assert await reminders.claim_digest("2027-W05", NOW + timedelta(days=3), LEASE) is False
    rows = await db.query("SELECT week, status, lease_until, sent_at FROM digests")
    assert [tuple(row) for row in rows] == [
        ("2027-W05", "sent", None, "2027-02-01T08:00:00.000000+00:00")
    ]


async def test_two_databases_on_one_file_never_both_claim_the_same_digest(db_url: str):
    async with open_database(db_url) as first_db, open_database(db_url) as second_db:
        first, second = ReminderRepository(first_db), ReminderRepository(second_db)
        assert await first.claim_digest("2027-W05", NOW, LEASE) is True
        assert await second.claim_digest("2027-W05", NOW, LEASE) is False
        await first.mark_digest_sent("2027-W05", NOW)
        assert await second.claim_digest("2027-W05", NOW + timedelta(hours=1), LEASE) is False


@pytest.mark.parametrize("week", ["2027-5", "2027-W5", "2027-W00", "2027-W54", "27-W05", ""])
async def test_a_digest_week_that_is_not_an_iso_week_is_refused(
    reminders: ReminderRepository, week: str
):
    with pytest.raises(ValueError, match="^week must look like 2027-W09, not "):
        await reminders.claim_digest(week, NOW, LEASE)


async def test_marking_a_digest_that_was_never_claimed_raises_key_error(
    reminders: ReminderRepository,
):
    with pytest.raises(KeyError, match="no digest claimed for 2027-W05"):
        await reminders.mark_digest_sent("2027-W05", NOW)
