"""Phase-aware guidance: a register phase, the phase model's phases it covers, what to settle
and decide before the next one; the evaluation regime an importance level calls for."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.content import PHASE_MODEL, ROLES, Content
from bot.domain.models import (
    Framework,
    ImportanceLevel,
    PhaseOption,
    PrinciplePart,
    RegisterFile,
    Section,
)
from bot.domain.register import Partnership


@dataclass(frozen=True)
class PhaseGuide:
    phase: PhaseOption
    model: tuple[Section, ...]  # the phase model's phases this register phase covers
    next_phase: PhaseOption | None  # None: the last phase
    decision: Section | None  # the model phase whose formal decision comes before the next


def framework(content: Content, framework_id: str) -> Framework | None:
    return next((f for f in content.frameworks if f.id == framework_id), None)


def phase_option(register: RegisterFile, key: str) -> PhaseOption | None:
    return next((phase for phase in register.phases if phase.key == key), None)


def guide(content: Content, key: str) -> PhaseGuide | None:
    """The guidance for register phase `key`; None when the register has no such phase."""
    phases = content.register.phases
    keys = [phase.key for phase in phases]
    if key not in keys:
        return None
    index = keys.index(key)
    phase = phases[index]
    following = phases[index + 1] if index + 1 < len(phases) else None
    model = framework(content, PHASE_MODEL)
    sections = {section.id: section for section in (model.sections if model else [])}
    covered = tuple(sections[id_] for id_ in phase.model if id_ in sections)
    ahead = set(following.model) if following else set()
    decision = next(
        (s for s in reversed(covered) if s.decision and s.id not in ahead and following), None
    )
    return PhaseGuide(phase, covered, following, decision)


def part_of(content: Content, partnership: Partnership) -> PrinciplePart:
    """A (Wgr) or B (networks and every other form), as the register's form says."""
    form = next((f for f in content.register.forms if f.key == partnership.form), None)
    return form.principles if form else "B"


def roles(content: Content) -> tuple[Section, ...]:
    found = framework(content, ROLES)
    return tuple(found.sections) if found else ()


def importance_level(register: RegisterFile, key: str | None) -> ImportanceLevel | None:
    return next((level for level in register.importance_levels if level.key == key), None)


def regime_differs(partnership: Partnership, level: ImportanceLevel | None) -> bool:
    """The level proposes a regime and the partnership's rhythm or kind of moment differs."""
    regime = level.regime if level else None
    return regime is not None and (
        partnership.cadence != regime.cadence
        or partnership.evaluation_kind != regime.evaluation_kind
    )
