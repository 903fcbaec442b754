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


async def test_a_ticket_is_stored_with_its_asked_event_and_notifications(tickets):
    stored = await tickets.add(new_ticket(), [Notice("channel_post", team="JUR")])
    assert stored.id is not None
    assert await tickets.get(stored.id) == stored
    [event] = await tickets.events(stored.id)
    assert (event.step, event.by_name, event.team) == ("asked", "Anna", "JUR")
    [notification] = await tickets.notifications(stored.id)
    assert (notification.kind, notification.team, notification.status) == (
        "channel_post",
        "JUR",
        "pending",
    )


async def test_a_change_is_recorded_once_and_a_stale_one_refused(tickets):
    stored = await tickets.add(new_ticket())
    later = NOW + timedelta(minutes=5)
    picked = replace(stored, status=TicketStatus.PICKED_UP, picked_up_by="Bram", updated_at=later)
    await tickets.record(stored, picked, "pick_up", "aad-bram", "Bram", None, [Notice("asker")])
    assert await tickets.get(stored.id) == picked
    with pytest.raises(StaleTicket):  # a second click on the same old card
        await tickets.record(stored, picked, "pick_up", "aad-bram", "Bram", None)
    assert [e.step for e in await tickets.events(stored.id)] == ["asked", "pick_up"]


async def test_notifications_are_claimed_once_until_the_lease_runs_out(tickets):
    stored = await tickets.add(new_ticket(), [Notice("channel_post", team="JUR"), Notice("asker")])
    first = await tickets.claim(NOW, LEASE)
    assert [n.kind for n in first] == ["channel_post", "asker"]
    assert await tickets.claim(NOW + timedelta(minutes=5), LEASE) == []
    await tickets.mark_sent(first[0].id, NOW)
    taken_over = await tickets.claim(NOW + timedelta(minutes=11), LEASE)
    assert [(n.kind, n.attempts) for n in taken_over] == [("asker", 2)]
    await tickets.release(taken_over[0].id)
    assert [n.kind for n in await tickets.claim(NOW + timedelta(minutes=12), LEASE)] == ["asker"]
    assert await tickets.claim(NOW, LEASE, ticket_id=(stored.id or 0) + 1) == []


async def test_one_reminder_per_ticket_and_team(tickets):
    stored = await tickets.add(new_ticket())
    assert await tickets.add_reminder(stored, NOW) is True
    assert await tickets.add_reminder(stored, NOW) is False
    assert await tickets.add_reminder(replace(stored, team="IBC"), NOW) is True


async def test_bindings_per_team_and_unbinding_by_channel_or_team(tickets):
    await tickets.bind("JUR", "19:jur", "team-1", REFERENCE, "aad-admin", NOW)
    await tickets.bind("IBC", "19:ibc", "team-1", REFERENCE, "aad-admin", NOW)
    await tickets.bind("P&O", "19:jur", "team-2", REFERENCE, "aad-admin", NOW)
    assert await tickets.teams_of_channel("19:jur") == ["JUR", "P&O"]
    assert (await tickets.binding("IBC")).reference == REFERENCE
    assert await tickets.unbind_channel("19:jur", "channel_deleted", NOW) == ["JUR", "P&O"]
    assert await tickets.unbind_team_id("team-1", "bot_removed", NOW) == ["IBC"]
    assert await tickets.binding("JUR") is None
    assert [(b.team, b.active, b.unbound_reason) for b in await tickets.bindings()] == [
        ("IBC", False, "bot_removed"),
        ("JUR", False, "channel_deleted"),
        ("P&O", False, "channel_deleted"),
    ]
    await tickets.bind("JUR", "19:new", None, REFERENCE, None, NOW)
    assert (await tickets.binding("JUR")).channel_id == "19:new"


async def test_lists_counts_and_the_answered_candidates(tickets):
    a = await tickets.add(new_ticket("JUR"))
    await tickets.add(replace(new_ticket("IBC"), routed=False))
    answered = replace(a, status=TicketStatus.ANSWERED, answer="Ja.", updated_at=NOW)
    await tickets.record(a, answered, "answer", None, None, "Ja.")
    assert [t.team for t in await tickets.find(unrouted=True)] == ["IBC"]
    assert [t.team for t in await tickets.find(team="JUR", status="beantwoord")] == ["JUR"]
    assert await tickets.open_counts() == {"IBC": 1}
    assert [t.question for t in await tickets.answered()] == ["Mag dit?"]


async def test_forgetting_a_person_keeps_question_and_answer_anonymised(tickets):
    a = await tickets.add(new_ticket(), [Notice("asker")])
    picked = replace(a, status=TicketStatus.PICKED_UP, picked_up_by_id="aad-anna",
                     picked_up_by="Anna")  # fmt: skip
    await tickets.record(a, picked, "pick_up", "aad-anna", "Anna", None)
    assert await tickets.forget_person("aad-anna") == 1
    stored = await tickets.get(a.id)
    assert (stored.asker_id, stored.asker_name, stored.picked_up_by) == (None, None, None)
    assert stored.question == "Mag dit?"
    assert all(e.by_name is None for e in await tickets.events(a.id))
    assert await tickets.notifications(a.id) == []
    assert await tickets.by_asker("aad-anna") == []


async def test_closed_tickets_are_deleted_after_the_cutoff(tickets):
    a = await tickets.add(new_ticket())
    closed = replace(a, status=TicketStatus.CLOSED, closed_at=NOW)
    await tickets.record(a, closed, "close", None, None, None)
    still_open = await tickets.add(new_ticket())
    assert await tickets.delete_closed_before(NOW) == 0
    assert await tickets.delete_closed_before(NOW + timedelta(seconds=1)) == 1
    assert [t.id for t in await tickets.find()] == [still_open.id]


async def test_two_processes_on_one_database_never_both_claim_a_notification(db_url):
    from bot.store.database import open_database

    async with open_database(db_url) as first, open_database(db_url) as second:
        one, other = TicketRepository(first), TicketRepository(second)
        await one.add(new_ticket(), [Notice("asker")])
        claimed = [await one.claim(NOW, LEASE), await other.claim(NOW, LEASE)]
        assert sorted(len(c) for c in claimed) == [0, 1]
