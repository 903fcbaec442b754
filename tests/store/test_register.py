from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.domain.intake import ItemAnswer, StoredIntake
from bot.domain.register import Partnership, Person
from bot.domain.schedule import EvaluationEvent
from bot.store import schema as schema_module
from bot.store.database import Database, open_database
from bot.store.feedback import FeedbackRepository
from bot.store.migrations import MIGRATIONS
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.store.schema import migrate
from bot.store.sqlite import SqliteDatabase
from tests.store.backends import indexes, refused_by_constraint, row_dicts

AMSTERDAM = timezone(timedelta(hours=2))
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
ANNA = Person("aad-anna", "Anna de Vries")
BERT = Person("aad-bert", "Bert Jansen")
CARLA = Person("aad-carla", "Carla Bakker")


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _partnership(**changes: object) -> Partnership:
    base = Partnership(
        id=None,
        name="Regionale energiestrategie",
        purpose="Samen de regionale energieopgave uitwerken",
        partners=("Gemeente Zeist", "Provincie Utrecht", "Waterschap HDSR"),
        form="overeenkomst",
        mandated=True,
        phase="onderhandelen",
        flags=frozenset({"personal_data", "municipal_money"}),
        account_holder=ANNA,
        created_by=ANNA,
        next_evaluation=date(2026, 3, 1),
        cadence="jaarlijks",
        created_at=datetime(2025, 3, 1, 11, 0, tzinfo=AMSTERDAM),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _intake(**changes: object) -> StoredIntake:
    base = StoredIntake(
        id=None,
        partnership_id=None,
        theme="juridisch",
        user_id=ANNA.id,
        completed_at=T0,
        answers=(
            ItemAnswer("jur-1", "ja"),
            ItemAnswer("jur-2", None),
            ItemAnswer("jur-3", "weet_niet", "Navragen bij JUR"),
            ItemAnswer("jur-4", "nvt", ""),
            ItemAnswer("jur-5", "nee"),
        ),
        summary_markdown="# Intake juridisch\n\n- 1 open punt",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


async def _count(db: Database, table: str) -> int:
    return int((await db.query(f"SELECT count(*) FROM {table}"))[0][0])


def _names(partnerships: list[Partnership]) -> list[str]:
    return [partnership.name for partnership in partnerships]


def _event(**changes: object) -> EvaluationEvent:
    base = EvaluationEvent(
        partnership_id=1,
        kind="completed",
        due=date(2026, 3, 1),
        new_due=date(2027, 3, 1),
        reason=None,
        by_id=ANNA.id,
        at=T0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _traced_memory_database() -> tuple[Database, list[str]]:
    """A migrated in-memory SQLite database that records every statement it runs, values
    bound (SQLite only: its query planner is what the index test reads)."""
    statements: list[str] = []
    connection = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection, "?", postgresql=False)
    connection.set_trace_callback(statements.append)
    return SqliteDatabase(connection), statements


# Partnerships: add and get


async def test_a_partnership_round_trips_every_field_and_gets_an_id(db: Database):
    partnerships = PartnershipRepository(db)
    original = _partnership(archived=False)
    stored = await partnerships.add(original)
    assert stored.id == 1
    assert stored == replace(original, id=1)
    loaded = await partnerships.get(1)
    assert loaded == stored
    assert loaded is not None
    assert loaded.partners == ("Gemeente Zeist", "Provincie Utrecht", "Waterschap HDSR")
    assert loaded.flags == frozenset({"personal_data", "municipal_money"})
    assert loaded.mandated is True
    assert loaded.archived is False
    assert loaded.next_evaluation == date(2026, 3, 1)
    assert loaded.created_at == datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    assert loaded.created_at.utcoffset() == timedelta(0)


async def test_evaluation_kind_and_reminders_switched_off_round_trip(db: Database):
    partnerships = PartnershipRepository(db)
    original = _partnership(evaluation_kind="volledig", reminders=False, importance="belangrijk")
    stored = await partnerships.add(original)
    assert await partnerships.get(stored.id or 0) == replace(original, id=1)
    row = (await db.query("SELECT evaluation_kind, reminders, importance FROM partnerships"))[0]
    assert tuple(row) == ("volledig", 0, "belangrijk")


async def test_a_partnership_without_evaluation_date_partners_or_flags_round_trips(db: Database):
    partnerships = PartnershipRepository(db)
    original = _partnership(
        partners=(),
        flags=frozenset(),
        next_evaluation=None,
        mandated=False,
        archived=True,
        account_holder=BERT,
        cadence="geen",
    )
    stored = await partnerships.add(original)
    assert await partnerships.get(stored.id or 0) == replace(original, id=stored.id)


async def test_partners_flags_times_and_dates_are_stored_as_relational_rows_and_iso_text(
    db: Database,
):
    await PartnershipRepository(db).add(_partnership())
    [row] = await row_dicts(db, "partnerships")
    assert row == {
        "id": 1,
        "name": "Regionale energiestrategie",
        "purpose": "Samen de regionale energieopgave uitwerken",
        "form": "overeenkomst",
        "mandated": 1,
        "phase": "onderhandelen",
        "account_holder_id": "aad-anna",
        "account_holder_name": "Anna de Vries",
        "created_by_id": "aad-anna",
        "created_by_name": "Anna de Vries",
        "next_evaluation": "2026-03-01",
        "cadence": "jaarlijks",
        "archived": 0,
        "created_at": "2025-03-01T09:00:00.000000+00:00",
        "updated_at": "2025-03-01T09:00:00.000000+00:00",
        "evaluation_kind": "jaarlijks",
        "reminders": 1,
        "importance": None,
    }
    partners = await db.query("SELECT partnership_id, position, name FROM partnership_partners")
    assert [tuple(row) for row in partners] == [
        (1, 0, "Gemeente Zeist"),
        (1, 1, "Provincie Utrecht"),
        (1, 2, "Waterschap HDSR"),
    ]
    flags = await db.query("SELECT partnership_id, flag FROM partnership_flags ORDER BY flag")
    assert [tuple(row) for row in flags] == [(1, "municipal_money"), (1, "personal_data")]


async def test_get_of_an_unknown_id_is_none(db: Database):
    assert await PartnershipRepository(db).get(42) is None


async def test_adding_a_partnership_that_already_has_an_id_is_refused(db: Database):
    with pytest.raises(ValueError, match="^a new partnership must not have an id yet$"):
        await PartnershipRepository(db).add(_partnership(id=7))
    assert await _count(db, "partnerships") == 0


async def test_a_naive_creation_time_is_rejected_and_nothing_is_stored(db: Database):
    with pytest.raises(ValueError, match="^partnership creation time must be timezone-aware$"):
        await PartnershipRepository(db).add(_partnership(created_at=datetime(2025, 3, 1, 9, 0)))
    assert await _count(db, "partnerships") == 0


# Partnerships: mine


async def test_mine_lists_where_the_person_is_account_holder_or_creator_and_not_for_strangers(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    await partnerships.add(_partnership(name="Van Anna", account_holder=ANNA, created_by=ANNA))
    await partnerships.add(_partnership(name="Anna houdt", account_holder=ANNA, created_by=BERT))
    await partnerships.add(_partnership(name="Anna maakte", account_holder=BERT, created_by=ANNA))
    await partnerships.add(_partnership(name="Van Bert", account_holder=BERT, created_by=BERT))
    assert _names(await partnerships.mine(ANNA.id)) == ["Anna houdt", "Anna maakte", "Van Anna"]
    assert _names(await partnerships.mine(BERT.id)) == ["Anna houdt", "Anna maakte", "Van Bert"]
    assert await partnerships.mine(CARLA.id) == []


async def test_mine_orders_by_next_evaluation_with_none_last_then_by_name_ignoring_case(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    for name, next_evaluation in [
        ("Zorgnetwerk", None),
        ("Afvalinzameling", None),
        ("Omgevingsdienst", date(2025, 9, 1)),
        ("veiligheidsregio", date(2025, 6, 1)),
        ("Jeugdhulp", date(2025, 6, 1)),
        ("Bibliotheek", date(2026, 1, 1)),
    ]:
        await partnerships.add(_partnership(name=name, next_evaluation=next_evaluation))
    assert _names(await partnerships.mine(ANNA.id)) == [
        "Jeugdhulp",
        "veiligheidsregio",
        "Omgevingsdienst",
        "Bibliotheek",
        "Afvalinzameling",
        "Zorgnetwerk",
    ]


async def test_mine_leaves_out_archived_partnerships_unless_asked(db: Database):
    partnerships = PartnershipRepository(db)
    await partnerships.add(_partnership(name="Lopend"))
    await partnerships.add(_partnership(name="Gestopt", archived=True))
    assert _names(await partnerships.mine(ANNA.id)) == ["Lopend"]
    assert _names(await partnerships.mine(ANNA.id, include_archived=True)) == ["Gestopt", "Lopend"]


async def test_mine_with_an_empty_person_id_is_refused(db: Database):
    with pytest.raises(ValueError, match="^person id must not be empty$"):
        await PartnershipRepository(db).mine("")


# Partnerships: update


async def test_update_rewrites_every_mutable_field_and_the_update_time_but_not_the_creator(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    stored = await partnerships.add(_partnership())
    changed = replace(
        stored,
        name="RES Utrecht",
        purpose="Uitvoering van de RES",
        partners=("Provincie Utrecht",),
        form="wgr",
        mandated=False,
        phase="evalueren",
        flags=frozenset({"lobby"}),
        account_holder=BERT,
        next_evaluation=None,
        cadence="halfjaarlijks",
        archived=True,
        evaluation_kind="fase",
        reminders=False,
    )
    await partnerships.update(changed, datetime(2025, 4, 1, 12, 0, tzinfo=AMSTERDAM))
    assert await partnerships.get(1) == changed
    row = (await db.query("SELECT created_by_id, created_at, updated_at FROM partnerships"))[0]
    assert tuple(row) == (
        "aad-anna",
        "2025-03-01T09:00:00.000000+00:00",
        "2025-04-01T10:00:00.000000+00:00",
    )


async def test_update_ignores_a_changed_creator_or_creation_time(db: Database):
    partnerships = PartnershipRepository(db)
    stored = await partnerships.add(_partnership())
    await partnerships.update(replace(stored, created_by=CARLA, created_at=_at(99)), _at(100))
    assert await partnerships.get(1) == stored


async def test_update_replaces_the_partners_and_flags(db: Database):
    partnerships = PartnershipRepository(db)
    stored = await partnerships.add(_partnership())
    reordered = replace(
        stored,
        partners=("Waterschap HDSR", "Gemeente Zeist"),
        flags=frozenset({"personnel", "personal_data"}),
    )
    await partnerships.update(reordered, _at(1))
    assert await partnerships.get(1) == reordered
    emptied = replace(stored, partners=(), flags=frozenset())
    await partnerships.update(emptied, _at(2))
    assert await partnerships.get(1) == emptied
    assert await _count(db, "partnership_partners") == 0
    assert await _count(db, "partnership_flags") == 0


async def test_updating_an_unknown_partnership_raises_key_error_and_changes_nothing(db: Database):
    partnerships = PartnershipRepository(db)
    stored = await partnerships.add(_partnership())
    with pytest.raises(KeyError, match="unknown partnership 2"):
        await partnerships.update(replace(stored, id=2, partners=()), _at(1))
    assert await partnerships.get(1) == stored
    assert await _count(db, "partnerships") == 1
    assert await _count(db, "partnership_partners") == 3


async def test_updating_a_partnership_without_id_or_at_a_naive_time_is_refused(db: Database):
    partnerships = PartnershipRepository(db)
    stored = await partnerships.add(_partnership())
    with pytest.raises(ValueError, match="^a partnership without an id cannot be updated$"):
        await partnerships.update(_partnership(name="Nieuw"), _at(1))
    with pytest.raises(ValueError, match="^partnership update time must be timezone-aware$"):
        await partnerships.update(replace(stored, name="Nieuw"), datetime(2025, 4, 1))
    assert await partnerships.get(1) == stored


# Partnerships: due for reminders and the digest


async def test_due_for_reminders_lists_active_partnerships_due_up_to_the_date_earliest_then_by_id(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    for partnership in [
        _partnership(name="Op de dag", next_evaluation=date(2026, 4, 1)),
        _partnership(name="Te laat", next_evaluation=date(2025, 1, 15)),
        _partnership(name="Vroeg", next_evaluation=date(2026, 3, 1)),
        _partnership(name="Ook vroeg", next_evaluation=date(2026, 3, 1)),
        _partnership(name="Daarna", next_evaluation=date(2026, 4, 2)),
        _partnership(name="Zonder moment", next_evaluation=None),
        _partnership(name="Gearchiveerd", next_evaluation=date(2026, 3, 1), archived=True),
        _partnership(name="Herinneringen uit", next_evaluation=date(2026, 3, 1), reminders=False),
    ]:
        await partnerships.add(partnership)
    due = await partnerships.due_for_reminders(date(2026, 4, 1))
    assert _names(due) == ["Te laat", "Vroeg", "Ook vroeg", "Op de dag"]  # not by name
    assert [p.id for p in due] == [2, 3, 4, 1]
    assert due[1] == await partnerships.get(3)
    assert _names(await partnerships.due_for_reminders(date(2026, 4, 1), limit=2)) == [
        "Te laat",
        "Vroeg",
    ]
    assert await partnerships.due_for_reminders(date(2025, 1, 14)) == []


async def test_due_for_reminders_with_a_limit_loads_the_partners_and_flags_of_those_only(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    await partnerships.add(_partnership(name="Eerste", next_evaluation=date(2026, 1, 1)))
    await partnerships.add(
        _partnership(
            name="Tweede",
            next_evaluation=date(2026, 2, 1),
            partners=("Gemeente Utrecht",),
            flags=frozenset({"lobby"}),
        )
    )
    (second,) = await partnerships.due_for_reminders(date(2026, 12, 31), limit=1)
    assert second.name == "Eerste"
    assert second.partners == ("Gemeente Zeist", "Provincie Utrecht", "Waterschap HDSR")
    assert second.flags == frozenset({"personal_data", "municipal_money"})


async def test_due_for_reminders_with_a_limit_below_one_is_refused(db: Database):
    with pytest.raises(ValueError, match="^limit must be at least 1$"):
        await PartnershipRepository(db).due_for_reminders(date(2026, 1, 1), limit=0)


async def test_due_for_reminders_searches_the_reminders_due_index_without_sorting():
    db, statements = _traced_memory_database()
    async with db:
        partnerships = PartnershipRepository(db)
        await partnerships.add(_partnership())
        statements.clear()
        await partnerships.due_for_reminders(date(2026, 4, 1))
        (query,) = [sql for sql in statements if sql.startswith("SELECT p.*")]
        plan = [row["detail"] for row in await db.query(f"EXPLAIN QUERY PLAN {query}")]
    assert plan == [
        "SEARCH p USING INDEX partnerships_reminders_due"
        " (archived=? AND reminders=? AND next_evaluation>? AND next_evaluation<?)"
    ]


async def test_upcoming_lists_every_active_partnership_due_up_to_the_date_reminders_on_or_off(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    for partnership in [
        _partnership(name="Zorgnetwerk", next_evaluation=date(2026, 5, 1)),
        _partnership(name="afval", next_evaluation=date(2026, 5, 1), reminders=False),
        _partnership(name="Te laat", next_evaluation=date(2025, 1, 15)),
        _partnership(name="Later", next_evaluation=date(2026, 5, 2)),
        _partnership(name="Zonder moment", next_evaluation=None),
        _partnership(name="Gearchiveerd", next_evaluation=date(2026, 3, 1), archived=True),
    ]:
        await partnerships.add(partnership)
    upcoming = await partnerships.upcoming(date(2026, 5, 1))
    assert _names(upcoming) == ["Te laat", "afval", "Zorgnetwerk"]
    assert upcoming[1].reminders is False


# Partnerships: hand-overs


async def test_handover_requests_are_kept_per_partnership_oldest_first(db: Database):
    partnerships = PartnershipRepository(db)
    first = (await partnerships.add(_partnership(name="Eerste"))).id or 0
    second = (await partnerships.add(_partnership(name="Tweede"))).id or 0
    await partnerships.request_handover(first, ANNA, CARLA, _at(5))
    await partnerships.request_handover(second, ANNA, BERT, _at(1))
    await partnerships.request_handover(first, BERT, Person("aad-dirk", "Dirk"), _at(2))
    assert await partnerships.handovers(first) == [
        ("aad-bert", Person("aad-dirk", "Dirk"), _at(2)),
        ("aad-anna", CARLA, _at(5)),
    ]
    assert await partnerships.handovers(second) == [("aad-anna", BERT, _at(1))]
    assert await partnerships.handovers(99) == []


async def test_a_handover_for_an_unknown_partnership_or_to_nobody_is_refused(db: Database):
    partnerships = PartnershipRepository(db)
    await partnerships.add(_partnership())
    with pytest.raises(KeyError, match="unknown partnership 9"):
        await partnerships.request_handover(9, ANNA, BERT, _at(1))
    with pytest.raises(ValueError, match="^the new account holder must not be empty$"):
        await partnerships.request_handover(1, ANNA, Person("  ", ""), _at(1))
    with pytest.raises(ValueError, match="^hand-over request time must be timezone-aware$"):
        await partnerships.request_handover(1, ANNA, BERT, datetime(2025, 3, 1))
    assert await _count(db, "partnership_handovers") == 0


# Partnerships: evaluation events


async def test_evaluation_events_round_trip_per_partnership_oldest_first(db: Database):
    partnerships = PartnershipRepository(db)
    first = (await partnerships.add(_partnership(name="Eerste"))).id or 0
    second = (await partnerships.add(_partnership(name="Tweede"))).id or 0
    postponed = _event(
        partnership_id=first,
        kind="postponed",
        due=date(2026, 3, 1),
        new_due=date(2026, 4, 15),
        reason="Wethouder pas in april beschikbaar",
        at=_at(1).astimezone(AMSTERDAM),
    )
    completed = _event(
        partnership_id=first,
        due=date(2026, 4, 15),
        new_due=None,
        by_id=BERT.id,
        at=_at(30),
    )
    other = _event(partnership_id=second, at=_at(2), moment_kind="fase")
    for event in (completed, other, postponed):
        await partnerships.add_event(event)
    assert await partnerships.events(first) == [postponed, completed]
    assert await partnerships.events(second) == [other]
    assert await partnerships.events(99) == []
    loaded = (await partnerships.events(first))[0]
    assert loaded.at.utcoffset() == timedelta(0)
    rows = await db.query("SELECT * FROM evaluation_events WHERE id = 3")
    assert tuple(rows[0]) == (
        3,
        1,
        "postponed",
        "2026-03-01",
        "2026-04-15",
        "Wethouder pas in april beschikbaar",
        "aad-anna",
        "2025-03-01T09:01:00.000000+00:00",
        None,  # the kind of the moment (migration 6): not given
    )


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"partnership_id": 9}, KeyError, "unknown partnership 9"),
        ({"kind": "skipped"}, ValueError, "^unknown evaluation event kind 'skipped'$"),
        (
            {"at": datetime(2025, 3, 1, 9, 0)},
            ValueError,
            "^evaluation event time must be timezone-aware$",
        ),
    ],
)
async def test_an_invalid_evaluation_event_is_refused_and_nothing_is_stored(
    db: Database, changes: dict[str, object], error: type[Exception], message: str
):
    await PartnershipRepository(db).add(_partnership())
    with pytest.raises(error, match=message):
        await PartnershipRepository(db).add_event(_event(**changes))
    assert await _count(db, "evaluation_events") == 0


# Partnerships: deleting and forgetting


async def test_deleting_a_partnership_deletes_its_evaluation_events_and_reminders(db: Database):
    partnerships = PartnershipRepository(db)
    await partnerships.add(_partnership())
    kept = (await partnerships.add(_partnership(name="Blijft"))).id or 0
    await partnerships.add_event(_event(partnership_id=1))
    await partnerships.add_event(_event(partnership_id=kept))
    await db.execute(
        "INSERT INTO reminders (partnership_id, due, lead_days, send_at, status)"
        " VALUES (1, '2026-03-01', 7, 't', 'sent')"
    )
    await db.execute("DELETE FROM partnerships WHERE id = 1")
    assert await partnerships.events(kept) == [_event(partnership_id=kept)]
    assert await _count(db, "evaluation_events") == 1
    assert await _count(db, "reminders") == 0


async def test_deleting_a_partnership_deletes_its_rows_and_keeps_its_intakes_unlinked(
    db: Database,
):
    partnerships, intakes = PartnershipRepository(db), IntakeRepository(db)
    stored = await partnerships.add(_partnership())
    await partnerships.add(_partnership(name="Blijft", partners=("Gemeente Utrecht",)))
    await partnerships.request_handover(1, ANNA, BERT, _at(1))
    intake = await intakes.add(_intake(partnership_id=stored.id))
    await db.execute("DELETE FROM partnerships WHERE id = 1")
    assert await _count(db, "partnership_partners") == 1
    assert await _count(db, "partnership_flags") == 2
    assert await _count(db, "partnership_handovers") == 0
    assert await intakes.get(intake.id or 0) == replace(intake, partnership_id=None)


async def test_forget_person_erases_a_creator_but_not_an_account_holder_and_drops_their_requests(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    made_for_bert = await partnerships.add(_partnership(account_holder=BERT, created_by=ANNA))
    held_by_anna = await partnerships.add(_partnership(account_holder=ANNA, created_by=ANNA))
    made_by_bert = await partnerships.add(_partnership(account_holder=ANNA, created_by=BERT))
    await partnerships.request_handover(2, ANNA, CARLA, _at(1))
    await partnerships.request_handover(2, ANNA, Person("aad-dirk", "Dirk"), _at(2))
    await partnerships.request_handover(3, BERT, CARLA, _at(3))
    assert await partnerships.forget_person(ANNA.id) == 3
    assert await partnerships.get(1) == replace(made_for_bert, created_by=Person("", "verwijderd"))
    assert await partnerships.get(2) == held_by_anna
    assert await partnerships.get(3) == made_by_bert
    assert await partnerships.handovers(2) == []
    assert await partnerships.handovers(3) == [("aad-bert", CARLA, _at(3))]
    assert _names(await partnerships.mine(ANNA.id)) == [held_by_anna.name, made_by_bert.name]
    assert await partnerships.forget_person(ANNA.id) == 0


async def test_forget_person_keeps_their_evaluation_events_without_them(db: Database):
    partnerships = PartnershipRepository(db)
    await partnerships.add(_partnership(account_holder=BERT, created_by=BERT))
    await partnerships.add_event(_event(by_id=ANNA.id, at=_at(1)))
    await partnerships.add_event(_event(by_id=BERT.id, at=_at(2)))
    assert await partnerships.forget_person(ANNA.id) == 1
    assert await partnerships.events(1) == [
        _event(by_id="", at=_at(1)),
        _event(by_id=BERT.id, at=_at(2)),
    ]


async def test_forget_person_with_an_empty_id_is_refused_and_leaves_forgotten_rows_alone(
    db: Database,
):
    partnerships = PartnershipRepository(db)
    await partnerships.add(_partnership(account_holder=BERT, created_by=ANNA))
    await partnerships.forget_person(ANNA.id)
    with pytest.raises(ValueError, match="^person id must not be empty$"):
        await partnerships.forget_person("")
    row = (await db.query("SELECT created_by_id, created_by_name FROM partnerships"))[0]
    assert tuple(row) == ("", "verwijderd")


# Intakes


async def test_an_intake_round_trips_with_answers_in_order_skips_and_notes(db: Database):
    partnerships, intakes = PartnershipRepository(db), IntakeRepository(db)
    partnership_id = (await partnerships.add(_partnership())).id
    original = _intake(partnership_id=partnership_id, completed_at=_at(0).astimezone(AMSTERDAM))
    stored = await intakes.add(original)
    assert stored == replace(original, id=1)
    loaded = await intakes.get(1)
    assert loaded == stored
    assert loaded is not None
    assert loaded.answers == (
        ItemAnswer("jur-1", "ja", None),
        ItemAnswer("jur-2", None, None),
        ItemAnswer("jur-3", "weet_niet", "Navragen bij JUR"),
        ItemAnswer("jur-4", "nvt", ""),
        ItemAnswer("jur-5", "nee", None),
    )
    assert loaded.completed_at.utcoffset() == timedelta(0)
    rows = await db.query("SELECT * FROM intake_answers ORDER BY position")
    assert [tuple(row) for row in rows] == [
        (1, 0, "jur-1", "ja", None),
        (1, 1, "jur-2", None, None),
        (1, 2, "jur-3", "weet_niet", "Navragen bij JUR"),
        (1, 3, "jur-4", "nvt", ""),
        (1, 4, "jur-5", "nee", None),
    ]
    assert tuple((await db.query("SELECT * FROM intakes"))[0]) == (
        1,
        1,
        "juridisch",
        "aad-anna",
        "2025-03-01T09:00:00.000000+00:00",
        "# Intake juridisch\n\n- 1 open punt",
    )


async def test_an_intake_without_partnership_or_answers_round_trips(db: Database):
    intakes = IntakeRepository(db)
    stored = await intakes.add(_intake(partnership_id=None, answers=()))
    assert await intakes.get(stored.id or 0) == stored
    assert await intakes.get(99) is None


async def test_for_partnership_lists_only_its_intakes_newest_first(db: Database):
    partnerships, intakes = PartnershipRepository(db), IntakeRepository(db)
    first = (await partnerships.add(_partnership(name="Eerste"))).id
    second = (await partnerships.add(_partnership(name="Tweede"))).id
    await intakes.add(_intake(partnership_id=first, theme="juridisch", completed_at=_at(1)))
    await intakes.add(_intake(partnership_id=second, theme="financien", completed_at=_at(2)))
    await intakes.add(_intake(partnership_id=first, theme="communicatie", completed_at=_at(3)))
    await intakes.add(_intake(partnership_id=first, theme="lobby", completed_at=_at(1)))
    await intakes.add(_intake(partnership_id=None, theme="capaciteit", completed_at=_at(4)))
    listed = await intakes.for_partnership(first or 0)
    assert [intake.theme for intake in listed] == ["communicatie", "lobby", "juridisch"]
    assert [len(intake.answers) for intake in listed] == [5, 5, 5]
    assert [intake.theme for intake in await intakes.for_partnership(second or 0)] == ["financien"]
    assert await intakes.for_partnership(99) == []


async def test_by_user_lists_only_that_users_intakes_newest_first(db: Database):
    intakes = IntakeRepository(db)
    await intakes.add(_intake(theme="juridisch", user_id=ANNA.id, completed_at=_at(1)))
    await intakes.add(_intake(theme="financien", user_id=BERT.id, completed_at=_at(2)))
    await intakes.add(_intake(theme="lobby", user_id=ANNA.id, completed_at=_at(3)))
    assert [intake.theme for intake in await intakes.by_user(ANNA.id)] == ["lobby", "juridisch"]
    assert [intake.theme for intake in await intakes.by_user(BERT.id)] == ["financien"]
    assert await intakes.by_user(CARLA.id) == []


async def test_forget_user_removes_the_person_but_keeps_the_answers_with_the_partnership(
    db: Database,
):
    partnerships, intakes = PartnershipRepository(db), IntakeRepository(db)
    partnership_id = (await partnerships.add(_partnership())).id
    annas = await intakes.add(_intake(partnership_id=partnership_id, completed_at=_at(1)))
    berts = await intakes.add(_intake(partnership_id=partnership_id, user_id=BERT.id))
    await intakes.add(_intake(partnership_id=None, completed_at=_at(2)))
    assert await intakes.forget_user(ANNA.id) == 2
    assert await intakes.by_user(ANNA.id) == []
    assert await intakes.get(annas.id or 0) == replace(annas, user_id="")
    assert await intakes.get(berts.id or 0) == berts
    assert [intake.id for intake in await intakes.for_partnership(partnership_id or 0)] == [1, 2]
    assert (await db.query("SELECT count(*) FROM intakes WHERE user_id IS NULL"))[0][0] == 2
    assert await _count(db, "intake_answers") == 15
    assert await intakes.forget_user(ANNA.id) == 0


async def test_deleting_an_intake_deletes_its_answers(db: Database):
    intakes = IntakeRepository(db)
    await intakes.add(_intake())
    kept = await intakes.add(_intake(answers=(ItemAnswer("fin-1", "ja"),)))
    await db.execute("DELETE FROM intakes WHERE id = 1")
    rows = await db.query("SELECT intake_id, item_id FROM intake_answers")
    assert [tuple(row) for row in rows] == [(kept.id, "fin-1")]


async def test_an_intake_for_an_unknown_partnership_is_refused(db: Database):
    with pytest.raises(KeyError, match="unknown partnership 5"):
        await IntakeRepository(db).add(_intake(partnership_id=5))
    assert await _count(db, "intakes") == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": 3}, "^a new intake must not have an id yet$"),
        (
            {"completed_at": datetime(2025, 3, 1)},
            "^intake completion time must be timezone-aware$",
        ),
        (
            {"answers": (ItemAnswer("jur-1", "misschien"),)},
            "^unknown answer 'misschien' for jur-1$",
        ),
    ],
)
async def test_an_invalid_intake_is_refused_and_nothing_is_stored(
    db: Database, changes: dict[str, object], message: str
):
    with pytest.raises(ValueError, match=message):
        await IntakeRepository(db).add(_intake(**changes))
    assert await _count(db, "intakes") == 0
    assert await _count(db, "intake_answers") == 0


async def test_the_database_itself_refuses_an_answer_outside_the_four_codes(db: Database):
    await IntakeRepository(db).add(_intake())
    with refused_by_constraint(db, "check"):
        await db.execute("INSERT INTO intake_answers VALUES (1, 9, 'jur-9', 'misschien', NULL)")


async def test_people_named_lists_account_holders_once_by_name_case_ignored(db: Database):
    partnerships = PartnershipRepository(db)
    for holder in [CARLA, ANNA, BERT, ANNA, Person("aad-anne", "anne de vries")]:
        await partnerships.add(_partnership(account_holder=holder))
    await partnerships.add(_partnership(account_holder=Person("", "niemand de Vries")))
    assert await partnerships.people_named(" DE VRIES ") == [
        ANNA,
        Person("aad-anne", "anne de vries"),
    ]
    assert await partnerships.people_named("a") == [
        ANNA,
        Person("aad-anne", "anne de vries"),
        BERT,
        CARLA,
    ]


# Schema, migration and restart


async def test_migration_2_indexes_what_overviews_and_reminders_query(db: Database):
    found = await indexes(db)
    assert {
        ("intakes", "intakes_partnership"),
        ("intakes", "intakes_user"),
        ("partnership_handovers", "partnership_handovers_partnership"),
        ("partnership_handovers", "partnership_handovers_requested_by"),
        ("partnerships", "partnerships_account_holder"),
        ("partnerships", "partnerships_created_by"),
        ("partnerships", "partnerships_due"),
    } <= set(found)
    assert found["partnerships", "partnerships_due"] == ["archived", "next_evaluation"]


async def test_migration_3_indexes_the_reminder_query_events_claims_and_references(db: Database):
    found = await indexes(db)
    assert {
        ("conversation_references", "conversation_references_user"),
        ("evaluation_events", "evaluation_events_partnership"),
        ("partnerships", "partnerships_reminders_due"),
        ("reminders", "reminders_status_lease"),
    } <= set(found)
    assert found["partnerships", "partnerships_reminders_due"] == [
        "archived",
        "reminders",
        "next_evaluation",
    ]
    assert found["reminders", "reminders_status_lease"] == ["status", "lease_until"]


async def test_the_database_itself_refuses_a_reminders_switch_other_than_0_or_1(db: Database):
    await PartnershipRepository(db).add(_partnership())
    with refused_by_constraint(db, "check"):
        await db.execute("UPDATE partnerships SET reminders = 2")


async def test_a_version_2_database_migrates_to_3_keeping_its_partnerships_with_the_defaults(
    db_url: str, monkeypatch: pytest.MonkeyPatch
):
    with monkeypatch.context() as patch:
        patch.setattr(schema_module, "MIGRATIONS", MIGRATIONS[:2])
        async with open_database(db_url) as db:
            assert await db.schema_version() == 2
            await db.execute(
                "INSERT INTO partnerships (name, purpose, form, mandated, phase,"
                " account_holder_id, account_holder_name, created_by_id, created_by_name,"
                " next_evaluation, cadence, archived, created_at, updated_at) VALUES"
                " ('Regionale energiestrategie', 'Samen de regionale energieopgave uitwerken',"
                " 'overeenkomst', 1, 'onderhandelen', 'aad-anna', 'Anna de Vries',"
                " 'aad-anna', 'Anna de Vries', '2026-03-01', 'jaarlijks', 0,"
                " '2025-03-01T09:00:00.000000+00:00', '2025-03-01T09:00:00.000000+00:00')"
            )
            await db.execute("INSERT INTO partnership_partners VALUES (1, 0, 'Gemeente Zeist')")
            await db.execute("INSERT INTO partnership_flags VALUES (1, 'lobby')")
            await db.execute("INSERT INTO state VALUES ('conv/1', 'e1', '{}', 't')")
    async with open_database(db_url) as db:
        assert await db.schema_version() == len(MIGRATIONS)
        assert await PartnershipRepository(db).get(1) == _partnership(
            id=1,
            partners=("Gemeente Zeist",),
            flags=frozenset({"lobby"}),
            evaluation_kind="jaarlijks",
            reminders=True,
        )
        assert _names(await PartnershipRepository(db).due_for_reminders(date(2026, 3, 1))) == [
            "Regionale energiestrategie"
        ]
        assert await _count(db, "state") == 1


async def test_a_version_1_database_migrates_to_the_latest_keeping_its_state_and_feedback(
    db_url: str, monkeypatch: pytest.MonkeyPatch
):
    with monkeypatch.context() as patch:
        patch.setattr(schema_module, "MIGRATIONS", MIGRATIONS[:1])
        async with open_database(db_url) as db:
            assert await db.schema_version() == 1
            await db.execute("INSERT INTO state VALUES ('conv/1', 'e1', '{\"n\": 1}', 't')")
            await FeedbackRepository(db).record("unclear", None, "mag dat", T0)
    async with open_database(db_url) as db:
        assert await db.schema_version() == len(MIGRATIONS)
        versions = [row[0] for row in await db.query("SELECT version FROM schema_version")]
        assert versions == list(range(1, len(MIGRATIONS) + 1))
        assert [tuple(row) for row in await db.query("SELECT key, etag, data FROM state")] == [
            ("conv/1", "e1", '{"n": 1}')
        ]
        assert (await FeedbackRepository(db).counts())["unclear"] == 1
        stored = await PartnershipRepository(db).add(_partnership())
        assert await PartnershipRepository(db).get(stored.id or 0) == stored


async def test_partnerships_intakes_and_handovers_survive_a_restart(db_url: str):
    async with open_database(db_url) as db:
        partnership = await PartnershipRepository(db).add(_partnership())
        await PartnershipRepository(db).request_handover(1, ANNA, BERT, _at(1))
        intake = await IntakeRepository(db).add(_intake(partnership_id=partnership.id))
    async with open_database(db_url) as db:
        partnerships, intakes = PartnershipRepository(db), IntakeRepository(db)
        assert await partnerships.get(1) == partnership
        assert await partnerships.mine(ANNA.id) == [partnership]
        assert await partnerships.handovers(1) == [("aad-anna", BERT, _at(1))]
        assert await intakes.get(1) == intake
        assert await intakes.for_partnership(1) == [intake]
        assert await db.schema_version() == len(MIGRATIONS)


async def test_an_update_with_its_event_is_all_or_nothing(db: Database):
    repository = PartnershipRepository(db)
    stored = await repository.add(_partnership())
    assert stored.id is not None
    broken = _event(partnership_id=stored.id, kind="exploded")
    with pytest.raises(ValueError):
        await repository.update(replace(stored, next_evaluation=date(2027, 3, 1)), T0, broken)
    assert await repository.get(stored.id) == stored
    assert await repository.events(stored.id) == []
    await repository.update(
        replace(stored, next_evaluation=date(2027, 3, 1)), T0, _event(partnership_id=stored.id)
    )
    assert [e.new_due for e in await repository.events(stored.id)] == [date(2027, 3, 1)]
