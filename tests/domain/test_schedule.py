from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.register import Partnership, Person
from bot.domain.schedule import ReminderPolicy, due_reminder, next_moment, reminder_send_at

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
POLICY = ReminderPolicy()
ANNA = Person("aad-anna", "Anna")


def _partnership(due: date | None, **changes: object) -> Partnership:
    fields: dict[str, object] = {
        "id": 1, "name": "Netwerk", "purpose": "", "partners": (), "form": "wgr",
        "mandated": False, "phase": "implementeren", "flags": frozenset(),
        "account_holder": ANNA, "created_by": ANNA, "next_evaluation": due,
        "cadence": "jaarlijks", "created_at": datetime(2026, 1, 1, tzinfo=UTC),
    }  # fmt: skip
    fields.update(changes)
    return Partnership(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("due", "lead", "local"),
    [
        (date(2026, 11, 30), 7, datetime(2026, 11, 23, 9, 0)),  # a Monday
        (date(2026, 12, 5), 0, datetime(2026, 12, 4, 9, 0)),  # Saturday moment: Friday
        (date(2026, 12, 7), 30, datetime(2026, 11, 6, 9, 0)),  # Sunday 8 Nov -> Friday 6 Nov
        (date(2027, 3, 29), 0, datetime(2027, 3, 29, 9, 0)),  # the day after summer time
    ],
)
def test_reminders_go_out_at_nine_local_time_on_working_days(due, lead, local):
    sent = reminder_send_at(due, lead, POLICY)
    assert sent.tzinfo == UTC
    assert sent.astimezone(AMSTERDAM).replace(tzinfo=None) == local


def test_only_the_latest_due_reminder_of_a_moment_is_sent():
    partnership = _partnership(date(2026, 11, 30))
    at_nine = datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM)
    reminder = due_reminder(partnership, at_nine, POLICY)
    assert reminder is not None and reminder.lead_days == 7  # the 30-day one was missed
    assert due_reminder(partnership, datetime(2026, 10, 29, 9, tzinfo=AMSTERDAM), POLICY) is None


@pytest.mark.parametrize(
    "changes", [{"archived": True}, {"reminders": False}, {"next_evaluation": None}]
)
def test_no_reminders_when_archived_switched_off_or_unplanned(changes):
    partnership = _partnership(date(2026, 11, 30), **changes)
    assert due_reminder(partnership, datetime(2026, 11, 30, 12, tzinfo=UTC), POLICY) is None


def test_the_next_moment_follows_the_cadence():
    assert next_moment(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert next_moment(date(2026, 11, 30), 12) == date(2027, 11, 30)
    assert next_moment(date(2026, 11, 30), None) is None
