from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.tickets import Ticket, TicketStatus
from bot.store.tickets import Notice, StaleTicket, TicketRepository

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
REFERENCE = {"conversation": {"id": "19:jur@thread.tacv2"}, "serviceUrl": "http://127.0.0.1/"}


@pytest.fixture
def tickets(db) -> TicketRepository:
    return TicketRepository(db)


def new_ticket(team: str = "JUR", asker: str = "aad-anna") -> Ticket:
    return Ticket(None, team, "Mag dit?", asker, "Anna", NOW, NOW, item_id="jur-1", routed=True)


def test_a_ticket_is_stored_with_its_asked_event_and_notifications(tickets):
    stored = tickets.add(new_ticket(), [Notice("channel_post", team="JUR")])
    assert stored.id is not None
    assert tickets.get(stored.id) == stored
    [event] = tickets.events(stored.id)
    assert (event.step, event.by_name, event.team) == ("asked", "Anna", "JUR")
    [notification] = tickets.notifications(stored.id)
    assert (notification.kind, notification.team, notification.status) == (
        "channel_post",
        "JUR",
        "pending",
    )


def test_a_change_is_recorded_once_and_a_stale_one_refused(tickets):
    stored = tickets.add(new_ticket())
    later = NOW + timedelta(minutes=5)
    picked = replace(stored, status=TicketStatus.PICKED_UP, picked_up_by="Bram", updated_at=later)
    tickets.record(stored, picked, "pick_up", "aad-bram", "Bram", None, [Notice("asker")])
    assert tickets.get(stored.id) == picked
    with pytest.raises(StaleTicket):  # a second click on the same old card
        tickets.record(stored, picked, "pick_up", "aad-bram", "Bram", None)
    assert [e.step for e in tickets.events(stored.id)] == ["asked", "pick_up"]


def test_notifications_are_claimed_once_until_the_lease_runs_out(tickets):
    stored = tickets.add(new_ticket(), [Notice("channel_post", team="JUR"), Notice("asker")])
    first = tickets.claim(NOW, LEASE)
    assert [n.kind for n in first] == ["channel_post", "asker"]
    assert tickets.claim(NOW + timedelta(minutes=5), LEASE) == []
    tickets.mark_sent(first[0].id, NOW)
    taken_over = tickets.claim(NOW + timedelta(minutes=11), LEASE)
    assert [(n.kind, n.attempts) for n in taken_over] == [("asker", 2)]
    tickets.release(taken_over[0].id)
    assert [n.kind for n in tickets.claim(NOW + timedelta(minutes=12), LEASE)] == ["asker"]
    assert tickets.claim(NOW, LEASE, ticket_id=(stored.id or 0) + 1) == []


def test_one_reminder_per_ticket_and_team(tickets):
    stored = tickets.add(new_ticket())
    assert tickets.add_reminder(stored, NOW) is True
    assert tickets.add_reminder(stored, NOW) is False
    assert tickets.add_reminder(replace(stored, team="IBC"), NOW) is True


def test_bindings_per_team_and_unbinding_by_channel_or_team(tickets):
    tickets.bind("JUR", "19:jur", "team-1", REFERENCE, "aad-admin", NOW)
    tickets.bind("IBC", "19:ibc", "team-1", REFERENCE, "aad-admin", NOW)
    tickets.bind("P&O", "19:jur", "team-2", REFERENCE, "aad-admin", NOW)
    assert tickets.teams_of_channel("19:jur") == ["JUR", "P&O"]
    assert tickets.binding("IBC").reference == REFERENCE
    assert tickets.unbind_channel("19:jur", "channel_deleted", NOW) == ["JUR", "P&O"]
    assert tickets.unbind_team_id("team-1", "bot_removed", NOW) == ["IBC"]
    assert tickets.binding("JUR") is None
    assert [(b.team, b.active, b.unbound_reason) for b in tickets.bindings()] == [
        ("IBC", False, "bot_removed"),
        ("JUR", False, "channel_deleted"),
        ("P&O", False, "channel_deleted"),
    ]
    tickets.bind("JUR", "19:new", None, REFERENCE, None, NOW)
    assert tickets.binding("JUR").channel_id == "19:new"


def test_lists_counts_and_the_answered_candidates(tickets):
    a = tickets.add(new_ticket("JUR"))
    tickets.add(replace(new_ticket("IBC"), routed=False))
    answered = replace(a, status=TicketStatus.ANSWERED, answer="Ja.", updated_at=NOW)
    tickets.record(a, answered, "answer", None, None, "Ja.")
    assert [t.team for t in tickets.find(unrouted=True)] == ["IBC"]
    assert [t.team for t in tickets.find(team="JUR", status="beantwoord")] == ["JUR"]
    assert tickets.open_counts() == {"IBC": 1}
    assert [t.question for t in tickets.answered()] == ["Mag dit?"]


def test_forgetting_a_person_keeps_question_and_answer_anonymised(tickets):
    a = tickets.add(new_ticket(), [Notice("asker")])
    picked = replace(a, status=TicketStatus.PICKED_UP, picked_up_by_id="aad-anna",
                     picked_up_by="Anna")  # fmt: skip
    tickets.record(a, picked, "pick_up", "aad-anna", "Anna", None)
    assert tickets.forget_person("aad-anna") == 1
    stored = tickets.get(a.id)
    assert (stored.asker_id, stored.asker_name, stored.picked_up_by) == (None, None, None)
    assert stored.question == "Mag dit?"
    assert all(e.by_name is None for e in tickets.events(a.id))
    assert tickets.notifications(a.id) == []
    assert tickets.by_asker("aad-anna") == []


def test_closed_tickets_are_deleted_after_the_cutoff(tickets):
    a = tickets.add(new_ticket())
    closed = replace(a, status=TicketStatus.CLOSED, closed_at=NOW)
    tickets.record(a, closed, "close", None, None, None)
    still_open = tickets.add(new_ticket())
    assert tickets.delete_closed_before(NOW) == 0
    assert tickets.delete_closed_before(NOW + timedelta(seconds=1)) == 1
    assert [t.id for t in tickets.find()] == [still_open.id]


def test_two_processes_on_one_database_never_both_claim_a_notification(db_url):
    from bot.store.database import open_database

    with open_database(db_url) as first, open_database(db_url) as second:
        one, other = TicketRepository(first), TicketRepository(second)
        one.add(new_ticket(), [Notice("asker")])
        claimed = [one.claim(NOW, LEASE), other.claim(NOW, LEASE)]
        assert sorted(len(c) for c in claimed) == [0, 1]
