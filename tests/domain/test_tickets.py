from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.tickets import (
    Role,
    Step,
    StepRefused,
    Ticket,
    TicketStatus,
    next_status,
    reminder_due,
    role_of,
    working_days_between,
)

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TICKET = Ticket(None, "JUR", "Mag dit?", "aad-anna", "Anna", MONDAY, MONDAY)


def at(status: TicketStatus) -> Ticket:
    return replace(TICKET, status=status)


@pytest.mark.parametrize(
    ("status", "step", "role", "result"),
    [
        (TicketStatus.NEW, Step.PICK_UP, Role.TEAM, TicketStatus.PICKED_UP),
        (TicketStatus.REOPENED, Step.PICK_UP, Role.TEAM, TicketStatus.PICKED_UP),
        (TicketStatus.NEW, Step.ANSWER, Role.TEAM, TicketStatus.ANSWERED),
        (TicketStatus.PICKED_UP, Step.ANSWER, Role.TEAM, TicketStatus.ANSWERED),
        (TicketStatus.PICKED_UP, Step.FORWARD, Role.TEAM, TicketStatus.NEW),
        (TicketStatus.ANSWERED, Step.CLOSE, Role.TEAM, TicketStatus.CLOSED),
        (TicketStatus.NEW, Step.CLOSE, Role.TEAM, TicketStatus.CLOSED),
        (TicketStatus.ANSWERED, Step.RESOLVE, Role.ASKER, TicketStatus.CLOSED),
        (TicketStatus.ANSWERED, Step.FOLLOW_UP, Role.ASKER, TicketStatus.REOPENED),
        (TicketStatus.CLOSED, Step.FOLLOW_UP, Role.ASKER, TicketStatus.REOPENED),
    ],
)
def test_allowed_steps_lead_to_their_state(status, step, role, result):
    assert next_status(at(status), step, role) is result


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (TicketStatus.PICKED_UP, Step.PICK_UP),
        (TicketStatus.ANSWERED, Step.ANSWER),
        (TicketStatus.CLOSED, Step.ANSWER),
        (TicketStatus.CLOSED, Step.CLOSE),
        (TicketStatus.ANSWERED, Step.FORWARD),
    ],
)
def test_team_steps_from_the_wrong_state_are_refused(status, step):
    with pytest.raises(StepRefused) as refused:
        next_status(at(status), step, Role.TEAM)
    assert refused.value.reason == "wrong_state"


@pytest.mark.parametrize("step", list(Step))
def test_someone_else_may_take_no_step(step):
    with pytest.raises(StepRefused) as refused:
        next_status(at(TicketStatus.ANSWERED), step, Role.OTHER)
    assert refused.value.reason == "not_yours"


def test_the_asker_may_not_take_team_steps_and_the_team_not_the_askers():
    for step in (Step.PICK_UP, Step.ANSWER, Step.FORWARD, Step.CLOSE):
        with pytest.raises(StepRefused):
            next_status(at(TicketStatus.NEW), step, Role.ASKER)
    for step in (Step.RESOLVE, Step.FOLLOW_UP):
        with pytest.raises(StepRefused):
            next_status(at(TicketStatus.ANSWERED), step, Role.TEAM)


def test_role_depends_on_the_channel_and_the_asker():
    assert role_of(TICKET, user_id="x", channel_team="JUR") is Role.TEAM
    assert role_of(TICKET, user_id="aad-anna", channel_team="IBC") is Role.OTHER
    assert role_of(TICKET, user_id="aad-anna", channel_team=None) is Role.ASKER
    assert role_of(TICKET, user_id="aad-bram", channel_team=None) is Role.OTHER
    forgotten = replace(TICKET, asker_id=None)
    assert role_of(forgotten, user_id="aad-anna", channel_team=None) is Role.OTHER


def test_working_days_skip_the_weekend():
    friday = date(2026, 11, 27)
    assert working_days_between(friday, date(2026, 11, 30)) == 1  # Monday
    assert working_days_between(friday, friday) == 0
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 27)) == 4


def test_a_reminder_is_due_after_more_than_the_working_days_and_only_while_open():
    thursday = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # 3 working days after Monday
    friday = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert not reminder_due(TICKET, thursday, 3, AMSTERDAM)
    assert reminder_due(TICKET, friday, 3, AMSTERDAM)
    assert not reminder_due(at(TicketStatus.ANSWERED), friday, 3, AMSTERDAM)
    reopened = replace(TICKET, status=TicketStatus.REOPENED, open_since=thursday)
    assert not reminder_due(reopened, friday, 3, AMSTERDAM)
