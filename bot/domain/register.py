"""Partnerships (samenwerkingen) in the register, and what to look at for each one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from bot.domain.dates import add_months, parse_date
from bot.domain.dutch import normalize
from bot.domain.models import RegisterFile

PrinciplePart = Literal["A", "B"]


@dataclass(frozen=True)
class Person:
    """A Teams user as the register knows them: their Entra object id and display name."""

    id: str
    name: str


@dataclass(frozen=True)
class Partnership:
    id: int | None  # None until stored
    name: str
    purpose: str
    partners: tuple[str, ...]
    form: str  # key of a form in content/register.yaml
    mandated: bool  # required by law ("gemandateerde samenwerking")
    phase: str  # key of a phase in content/register.yaml
    flags: frozenset[str]  # keys of the register's yes/no flags that apply
    account_holder: Person
    created_by: Person
    next_evaluation: date | None
    cadence: str  # key of a cadence in content/register.yaml
    created_at: datetime
    archived: bool = False
    evaluation_kind: str = "jaarlijks"  # key of an evaluation kind in content/register.yaml
    reminders: bool = True  # the account holder may switch reminders off per partnership
    importance: str | None = None  # key of an importance level in content/register.yaml

    def may_change(self, person_id: str, administrators: frozenset[str]) -> bool:
        """Only the account holder, the creator and configured administrators change it."""
        return person_id in {self.account_holder.id, self.created_by.id} | administrators


@dataclass(frozen=True)
class Recommendation:
    themes: tuple[str, ...]  # theme keys, most important first
    principle_part: PrinciplePart
    principles: tuple[str, ...] = field(default=())  # section ids of content/frameworks/principes


class InvalidPartnership(ValueError):
    """The fields that are missing or wrong, by name (name, form, phase, ...)."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


def new_partnership(
    values: Mapping[str, str], person: Person, now: datetime, register: RegisterFile
) -> Partnership:
    """A partnership from the registration's fields; InvalidPartnership names what is wrong."""
    problems = []
    name = values.get("name", "").strip()
    if not name:
        problems.append("name")
    form = _known(values.get("form", ""), [f.key for f in register.forms], "form", problems)
    phase = _known(values.get("phase", ""), [p.key for p in register.phases], "phase", problems)
    cadence_key = values.get("cadence", "").strip() or register.default_cadence
    cadence = _known(cadence_key, [c.key for c in register.cadences], "cadence", problems)
    flags = frozenset(part.strip() for part in values.get("flags", "").split(",") if part.strip())
    if not flags <= {flag.key for flag in register.flags}:
        problems.append("flags")
    mandated = values.get("mandated", "false").strip().lower()
    if mandated not in ("true", "false"):
        problems.append("mandated")
    first = values.get("first_evaluation", "").strip()
    next_evaluation = (
        parse_date(first) if first else default_evaluation(now.date(), cadence, register)
    )
    if first and next_evaluation is None:
        problems.append("first_evaluation")
    if problems:
        raise InvalidPartnership(problems)
    return Partnership(
        id=None,
        name=name,
        purpose=values.get("purpose", "").strip(),
        partners=tuple(split_partners(values.get("partners", ""))),
        form=form,
        mandated=mandated == "true",
        phase=phase,
        flags=flags,
        account_holder=person,
        created_by=person,
        next_evaluation=next_evaluation,
        cadence=cadence,
        created_at=now,
    )


def split_partners(text: str) -> list[str]:
    """'provincie, Breda en Waalwijk' -> ['provincie', 'Breda', 'Waalwijk']."""
    parts = re.split(r"[,;\n]|\s+en\s+", text)
    return [part.strip() for part in parts if part.strip() and normalize(part) != "geen"]


def default_evaluation(today: date, cadence: str, register: RegisterFile) -> date | None:
    months = next((c.months for c in register.cadences if c.key == cadence), None)
    return add_months(today, months) if months else None


def recommend(partnership: Partnership, register: RegisterFile) -> Recommendation:
    """Theme intakes for the form, what applies (flags) and the phase; the regional guide's
    principles: part A for a Wgr partnership, part B otherwise."""
    form = next(f for f in register.forms if f.key == partnership.form)
    themes = list(form.themes)
    themes += [t for flag in register.flags if flag.key in partnership.flags for t in flag.themes]
    themes += [
        t for phase in register.phases if phase.key == partnership.phase for t in phase.themes
    ]
    return Recommendation(
        themes=tuple(dict.fromkeys(themes)),
        principle_part=form.principles,
        principles=tuple(form.key_principles),
    )


def _known(value: str, keys: list[str], field_name: str, problems: list[str]) -> str:
    value = value.strip()
    if value not in keys:
        problems.append(field_name)
    return value
