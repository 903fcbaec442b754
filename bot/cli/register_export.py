"""`python -m bot register export`: every partnership with its evaluation moments and
appraisals, as JSON or CSV, for the account holder's report to college or council."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.domain.appraisal import Appraisal
from bot.domain.content import Content
from bot.domain.register import Partnership
from bot.domain.schedule import EvaluationEvent
from bot.settings import Settings
from bot.store.appraisals import AppraisalRepository
from bot.store.database import Database, open_database
from bot.store.register import PartnershipRepository

FORMATS = ("json", "csv")
CSV_FIELDS = (
    "id",
    "name",
    "form",
    "phase",
    "importance",
    "account_holder",
    "archived",
    "next_evaluation",
    "next_evaluation_kind",
    "appraised_on",
    "waters",
    "own_organisation_change",
)


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    register = commands.add_parser("register", help="the partnership register")
    actions = register.add_subparsers(required=True, metavar="action")
    export = actions.add_parser(
        "export", help="every partnership with its evaluations and appraisals (JSON or CSV)"
    )
    export.add_argument("--format", choices=FORMATS, default="json", help="json (default) or csv")
    export.add_argument("--out", type=Path, help="the file to write (default: standard output)")
    export.add_argument("--all", action="store_true", help="archived partnerships too")
    export.add_argument("--database", help="database URL (default: DATABASE_URL or the default)")
    export.set_defaults(run=export_register)


async def export_register(args: argparse.Namespace, content: Content) -> int:
    async with open_database(args.database or Settings.from_env().database_url) as database:
        register = await _Register.read(database, include_archived=args.all)
    listed = register.partnerships
    cells = _cell_keys(content, register.appraisals)
    if args.format == "csv":
        output = export_csv(listed, register.appraisals, cells)
    else:
        output = export_json(listed, register.events, register.appraisals, cells)
    if args.out:
        args.out.write_text(output, encoding="utf-8")
        print(f"{len(listed)} partnership(s) written to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(output)
    return 0


async def register_csv(database: Database, content: Content) -> str:
    """The CSV of every active partnership (the council's overview, downloaded in Teams)."""
    register = await _Register.read(database, include_archived=False)
    cells = _cell_keys(content, register.appraisals)
    return export_csv(register.partnerships, register.appraisals, cells)


@dataclass(frozen=True)
class _Register:
    """Everything the exports need, read in one go."""

    partnerships: list[Partnership]
    appraisals: dict[int, list[Appraisal]]
    events: dict[int, list[EvaluationEvent]]

    @classmethod
    async def read(cls, database: Database, *, include_archived: bool) -> _Register:
        repository = PartnershipRepository(database)
        partnerships = await repository.every(include_archived=include_archived)
        ids = [p.id for p in partnerships if p.id is not None]
        appraisals = await AppraisalRepository(database).for_partnerships(ids)
        return cls(partnerships, appraisals, {id_: await repository.events(id_) for id_ in ids})


def export_json(
    partnerships: list[Partnership],
    events: dict[int, list[EvaluationEvent]],
    appraisals: dict[int, list[Appraisal]],
    cells: list[str],
) -> str:
    """{"partnerships": [...]}; evaluations and appraisals oldest first."""
    entries = []
    for p in partnerships:
        id_ = p.id or 0
        entries.append(
            {
                **_facts(p),
                "next_evaluation": (
                    {"date": p.next_evaluation.isoformat(), "kind": p.evaluation_kind}
                    if p.next_evaluation
                    else None
                ),
                "evaluations": [
                    {"date": e.due.isoformat(), "kind": e.moment_kind, "outcome": e.kind}
                    for e in events.get(id_, [])
                ],
                "appraisals": [_appraisal(a, cells) for a in reversed(appraisals.get(id_, []))],
            }
        )
    return json.dumps({"partnerships": entries}, ensure_ascii=False, indent=2) + "\n"


def export_csv(
    partnerships: list[Partnership], appraisals: dict[int, list[Appraisal]], cells: list[str]
) -> str:
    """One row per partnership with the latest appraisal's ratings (empty when none)."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=[*CSV_FIELDS, *cells, "next_steps"], lineterminator="\n"
    )
    writer.writeheader()
    for p in partnerships:
        found = appraisals.get(p.id or 0) or []
        latest = found[0] if found else None
        row: dict[str, Any] = {
            **_facts(p),
            "archived": "ja" if p.archived else "nee",
            "next_evaluation": p.next_evaluation.isoformat() if p.next_evaluation else "",
            "next_evaluation_kind": p.evaluation_kind if p.next_evaluation else "",
            "importance": p.importance or "",
        }
        if latest is not None:
            change = latest.own_organisation_change
            row |= {
                "appraised_on": latest.completed_at.date().isoformat(),
                "waters": latest.waters or "",
                "own_organisation_change": "" if change is None else "ja" if change else "nee",
                **{cell: latest.rating_of(cell) for cell in cells},
                "next_steps": ";".join(latest.next_steps),
            }
        writer.writerow(row)
    return out.getvalue()


def _facts(p: Partnership) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "form": p.form,
        "phase": p.phase,
        "importance": p.importance,  # zeer_belangrijk, belangrijk, regulier; None: not decided
        "account_holder": p.account_holder.name,
    }


def _appraisal(a: Appraisal, cells: list[str]) -> dict[str, Any]:
    return {
        "completed_at": a.completed_at.date().isoformat(),
        "phase": a.phase,
        "waters": a.waters,
        "own_organisation_change": a.own_organisation_change,
        "ratings": {cell: a.rating_of(cell) for cell in cells},
        "next_steps": list(a.next_steps),
    }


def _cell_keys(content: Content, appraisals: dict[int, list[Appraisal]]) -> list[str]:
    """The nine cells in question order; from the stored ratings when there is no content."""
    if content.appraisal is not None:
        return [cell.key for cell in content.appraisal.ordered_cells()]
    stored = (r.cell for found in appraisals.values() for a in found for r in a.ratings)
    return list(dict.fromkeys(stored))
