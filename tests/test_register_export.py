"""`python -m bot register export` on a test database: JSON and CSV, archived ones with --all."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.domain.appraisal import Appraisal, CellRating
from bot.domain.appraisal_content import RatingKey
from bot.domain.content import load_content
from bot.domain.register import Person, new_partnership
from bot.domain.schedule import complete_moment
from bot.store.appraisals import AppraisalRepository
from bot.store.database import open_database
from bot.store.register import PartnershipRepository

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ANNA = Person("aad-anna", "Anna de Vries")
CELLS = [
    f"{p}.{r}"
    for p in ("gemeente", "partners", "context")
    for r in ("ambitie", "capaciteit", "governance")
]


@pytest.fixture
async def database_url(tmp_path: Path) -> str:
    """Two partnerships (one archived); the first completed a moment and has two appraisals."""
    url = f"sqlite:///{tmp_path}/export.db"
    content = load_content()
    register = content.register
    async with open_database(url) as db:
        partnerships = PartnershipRepository(db)
        fields = {"form": "wgr", "mandated": "false", "phase": "implementeren"}
        energy = await partnerships.add(
            new_partnership(
                {**fields, "name": "Regionale Energiestrategie", "first_evaluation": "2026-11-30"},
                ANNA,
                NOW,
                register,
            )
        )
        old = await partnerships.add(
            new_partnership({**fields, "name": "Oud Netwerk"}, ANNA, NOW, register)
        )
        await partnerships.update(replace(old, archived=True), NOW)
        energy = replace(energy, importance="zeer_belangrijk")
        changed, event = complete_moment(energy, register, ANNA.id, NOW, "Waardering")
        await partnerships.update(changed, NOW, event)
        appraisals = AppraisalRepository(db)
        ratings: tuple[tuple[int, RatingKey], ...] = ((1, "zorg"), (20, "sterk"))
        for day, rating in ratings:
            await appraisals.add(
                Appraisal(
                    id=None,
                    partnership_id=energy.id,
                    partnership_name=energy.name,
                    user_id=ANNA.id,
                    completed_at=datetime(2026, 11, day, 9, tzinfo=UTC),
                    opening=None,
                    ratings=tuple(CellRating(cell, rating) for cell in CELLS[:8]),
                    waters="onrustig" if day == 1 else "rustig",
                    own_organisation_change=day == 1,
                    phase="implementeren",
                    cooperation="zakelijk",
                    next_steps=("governance", "conflict") if day == 1 else (),
                )
            )
    return url


def test_json_export_lists_partnerships_with_moments_and_appraisals(database_url, capsys):
    assert main(["register", "export", "--database", database_url]) == 0
    exported = json.loads(capsys.readouterr().out)
    [energy] = exported["partnerships"]
    assert {
        key: energy[key] for key in ("name", "form", "phase", "importance", "account_holder")
    } == {
        "name": "Regionale Energiestrategie",
        "form": "wgr",
        "phase": "implementeren",
        "importance": "zeer_belangrijk",
        "account_holder": "Anna de Vries",
    }
    assert energy["next_evaluation"] == {"date": "2027-11-30", "kind": "jaarlijks"}
    assert energy["evaluations"] == [
        {"date": "2026-11-30", "kind": "jaarlijks", "outcome": "completed"}
    ]
    first, second = energy["appraisals"]
    assert first == {
        "completed_at": "2026-11-01",
        "phase": "implementeren",
        "waters": "onrustig",
        "own_organisation_change": True,
        "ratings": {cell: "zorg" for cell in CELLS[:8]} | {"context.governance": "onbekend"},
        "next_steps": ["governance", "conflict"],
    }
    assert second["completed_at"] == "2026-11-20" and second["next_steps"] == []
    assert list(second["ratings"]) == CELLS


def test_all_adds_the_archived_partnerships(database_url, capsys):
    assert main(["register", "export", "--all", "--database", database_url]) == 0
    names = [p["name"] for p in json.loads(capsys.readouterr().out)["partnerships"]]
    assert names == ["Oud Netwerk", "Regionale Energiestrategie"]


def test_csv_export_has_one_row_per_partnership_with_the_latest_ratings(
    database_url, tmp_path, capsys
):
    out = tmp_path / "register.csv"
    args = ["register", "export", "--format", "csv", "--all", "--out", str(out)]
    assert main([*args, "--database", database_url]) == 0
    assert "2 partnership(s) written" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    old, energy = rows
    assert (old["name"], old["archived"], old["gemeente.ambitie"]) == ("Oud Netwerk", "ja", "")
    assert (energy["appraised_on"], energy["importance"], old["importance"]) == (
        "2026-11-20",
        "zeer_belangrijk",
        "",
    )
    assert [energy[cell] for cell in CELLS] == ["sterk"] * 8 + ["onbekend"]
    assert (energy["waters"], energy["own_organisation_change"]) == ("rustig", "nee")
    assert energy["next_evaluation"] == date(2027, 11, 30).isoformat()
