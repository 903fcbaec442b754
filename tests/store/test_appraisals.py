from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.appraisal import Appraisal, CellRating
from bot.store.appraisals import AppraisalRepository
from bot.store.database import Database
from bot.store.register import PartnershipRepository
from tests.store.test_register import ANNA, BERT, _count, _partnership

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _appraisal(**changes: object) -> Appraisal:
    base = Appraisal(
        id=None,
        partnership_id=None,
        partnership_name="Regionale energiestrategie",
        user_id=ANNA.id,
        completed_at=T0,
        opening="Kwetsbaar: menskracht. Potentieel: samen inkopen.",
        ratings=(
            CellRating("gemeente.ambitie", "sterk"),
            CellRating("gemeente.capaciteit", "aandacht", "bijdrage onduidelijk"),
            CellRating("context.governance", "onbekend"),
        ),
        waters="onrustig",
        own_organisation_change=False,
        phase="implementeren",
        cooperation="zakelijk",
        next_steps=("governance", "conflict"),
        summary_markdown="# Waardering",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


async def test_an_appraisal_reads_back_as_stored_with_its_ratings_in_order(db: Database):
    partnership = await PartnershipRepository(db).add(_partnership())
    appraisals = AppraisalRepository(db)
    stored = await appraisals.add(_appraisal(partnership_id=partnership.id))
    assert stored.id is not None
    assert await appraisals.get(stored.id) == stored
    assert stored.rating_of("gemeente.capaciteit") == "aandacht"
    assert stored.rating_of("partners.ambitie") == "onbekend"  # not stored: no opinion


async def test_unanswered_closing_questions_stay_unknown(db: Database):
    appraisals = AppraisalRepository(db)
    stored = await appraisals.add(
        _appraisal(waters=None, own_organisation_change=None, phase=None, next_steps=())
    )
    assert stored.id is not None
    again = await appraisals.get(stored.id)
    assert again is not None
    assert (again.waters, again.own_organisation_change, again.phase, again.next_steps) == (
        None,
        None,
        None,
        (),
    )


async def test_appraisals_of_a_partnership_come_newest_first(db: Database):
    partnership = await PartnershipRepository(db).add(_partnership())
    assert partnership.id is not None
    appraisals = AppraisalRepository(db)
    older = await appraisals.add(_appraisal(partnership_id=partnership.id))
    newer = await appraisals.add(
        _appraisal(partnership_id=partnership.id, completed_at=T0 + timedelta(days=300))
    )
    await appraisals.add(_appraisal())  # not registered: not listed
    assert [a.id for a in await appraisals.for_partnership(partnership.id)] == [newer.id, older.id]
    assert await appraisals.latest(partnership.id) == newer
    assert await appraisals.for_partnerships([partnership.id, 99]) == {
        partnership.id: [newer, older],
        99: [],
    }


async def test_bad_ratings_waters_and_unknown_partnerships_are_refused(db: Database):
    appraisals = AppraisalRepository(db)
    with pytest.raises(ValueError, match="unknown rating"):
        await appraisals.add(_appraisal(ratings=(CellRating("gemeente.ambitie", "prima"),)))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown waters"):
        await appraisals.add(_appraisal(waters="stormachtig"))
    with pytest.raises(KeyError):
        await appraisals.add(_appraisal(partnership_id=42))
    with pytest.raises(ValueError, match="must not have an id"):
        await appraisals.add(_appraisal(id=1))
    assert await _count(db, "appraisals") == 0


async def test_an_appraisal_without_partnership_is_attached_once_registered(db: Database):
    appraisals = AppraisalRepository(db)
    loose = await appraisals.add(_appraisal())
    partnership = await PartnershipRepository(db).add(_partnership())
    assert loose.id is not None and partnership.id is not None
    assert await appraisals.attach(loose.id, partnership.id) is True
    assert [a.id for a in await appraisals.for_partnership(partnership.id)] == [loose.id]
    assert await appraisals.attach(loose.id, partnership.id) is False  # already attached
    assert await appraisals.attach(99, partnership.id) is False


async def test_forget_user_removes_the_person_and_keeps_the_ratings(db: Database):
    appraisals = AppraisalRepository(db)
    mine = await appraisals.add(_appraisal())
    await appraisals.add(_appraisal(user_id=BERT.id))
    assert await appraisals.forget_user(ANNA.id) == 1
    assert await appraisals.by_user(ANNA.id) == []
    assert mine.id is not None
    forgotten = await appraisals.get(mine.id)
    assert forgotten is not None
    assert (forgotten.user_id, len(forgotten.ratings)) == ("", 3)
