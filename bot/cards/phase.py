"""Cards of the phase model, the governance cycle, who does what and the evaluation regime:
a partnership's phase with what to settle and the button to the next one, the phases
explained, the cycle with the bot's tool per step, the roles per form of partnership."""

from __future__ import annotations

from collections.abc import Sequence

from bot.cards.actions import Action as Do
from bot.cards.actions import data
from bot.cards.common import (
    Action,
    Card,
    Element,
    bullets,
    button_list,
    button_row,
    card,
    command,
    heading,
    numbered,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.intake import intake_button, theme_by_key
from bot.cards.labels import label
from bot.domain.content import CYCLE_GROUP, GOVERNANCE_CYCLE, PHASE_MODEL, Content
from bot.domain.messages import Messages
from bot.domain.models import PrinciplePart, RegisterFile, Section
from bot.domain.phases import (
    PhaseGuide,
    framework,
    importance_level,
    regime_differs,
    roles,
)
from bot.domain.register import Partnership

MAX_PHASE_INTAKES = 3
MAX_PHASE_CHECKLIST = 6
MAX_LISTED = 25
# The message describing each tool of the bot, and the title of the button that opens it.
TOOL_KEYS = {
    "register": "tool_register",
    "intakes": "tool_intakes",
    "reminders": "tool_reminders",
    "appraisal": "tool_appraisal",
}
ROLE_HEADING_KEYS = {"A": "roles_card_heading_wgr", "B": "roles_card_heading_network"}
ROLE_PART_KEYS = {"A": "roles_section_wgr", "B": "roles_section_network"}


def _stored_id(p: Partnership) -> int:
    if p.id is None:
        raise ValueError(f"partnership '{p.name}' is not stored yet")
    return p.id


def _label_of(register: RegisterFile, key: str) -> str:
    return next((phase.label for phase in register.phases if phase.key == key), key)


# --- a partnership's phase ------------------------------------------------------------------


def phase_card(p: Partnership, guide: PhaseGuide, content: Content, may_change: bool) -> Card:
    """The phase model's questions for the partnership's phase, what to settle and decide
    before the next, the checklist questions and intakes that matter now, and (for those who
    may change it) the button to the next phase."""
    messages = content.messages
    partnership_id = _stored_id(p)
    phase = guide.phase
    heading_ = messages.say("phase_heading", name=p.name, phase=phase.label)
    body: list[Element] = [title(heading_)]
    if guide.model:
        model = messages.listing([section.title for section in guide.model])
        body.append(subtle(messages.say("phase_model_line", phases=model)))
    for section in guide.model:
        body += [
            heading(messages.say("phase_model_heading", phase=section.title), separator=True),
            text(section.summary),
        ]
        if section.questions:
            body += [
                text(messages.say("phase_questions_heading"), bold=True),
                bullets(section.questions),
            ]
    settle = [line for section in guide.model for line in section.settle]
    if settle:
        body += [heading(messages.say("phase_settle_heading"), separator=True), bullets(settle)]
    if guide.decision is not None and guide.decision.decision:
        body += [
            heading(messages.say("phase_decision_heading"), separator=True),
            text(guide.decision.decision),
        ]
    items = [content.items[id_] for id_ in guide.phase.checklist if id_ in content.items]
    if items:
        entries = [(item.question, data(Do.SHOW, id=item.id)) for item in items]
        body += [
            heading(messages.say("phase_checklist_heading"), separator=True),
            *numbered(messages, entries[:MAX_PHASE_CHECKLIST], "question_number"),
        ]
    themes = [t for key in guide.phase.themes if (t := theme_by_key(content, key)) is not None]
    if themes:
        body += [
            heading(messages.say("phase_intakes_heading"), separator=True),
            *button_list(
                intake_button(messages, theme, partnership_id)
                for theme in themes[:MAX_PHASE_INTAKES]
            ),
        ]
    body += _next(p, partnership_id, guide, messages, may_change)
    return card(body, full=True)


def _next(
    p: Partnership, partnership_id: int, guide: PhaseGuide, messages: Messages, may_change: bool
) -> list[Element]:
    following = guide.next_phase
    if following is None:
        return [text(messages.say("phase_last_line"), spacing="Medium")]
    body = [
        text(
            messages.say("phase_next_line", phase=following.label),
            spacing="Medium",
            separator=True,
        )
    ]
    if not may_change or p.archived:
        return body
    if guide.decision is not None:
        body.append(subtle(messages.say("phase_next_decided_line")))
        move = data(Do.PHASE_NEXT, id=partnership_id, phase=p.phase, decided=True)
        title_ = label(messages, "phase_decided")
    else:
        move = data(Do.PHASE_NEXT, id=partnership_id, phase=p.phase)
        title_ = label(messages, "phase_next")
    return body + button_row([submit(title_, move, style="positive")])


def phase_pick_card(partnerships: Sequence[Partnership], content: Content) -> Card:
    """'fase' with several partnerships: which one."""
    messages = content.messages
    register = content.register
    shown = partnerships[:MAX_LISTED]
    entries = [
        (
            messages.say("partnership_line", name=p.name, phase=_label_of(register, p.phase)),
            data(Do.PHASE_SHOW, id=_stored_id(p)),
        )
        for p in shown
    ]
    return card(
        [
            title(messages.say("phase_pick_heading")),
            text(messages.say("phase_pick_intro")),
            *numbered(messages, entries, "partnership_number"),
        ]
    )


def phases_card(content: Content) -> Card:
    """'fase' without a partnership: the register's phases, each with the phase model's."""
    messages = content.messages
    model = framework(content, PHASE_MODEL)
    sections = {section.id: section for section in (model.sections if model else [])}
    body: list[Element] = [
        title(messages.say("phases_heading")),
        text(messages.say("phases_intro")),
    ]
    for number, phase in enumerate(content.register.phases, 1):
        covered = [sections[id_] for id_ in phase.model if id_ in sections]
        body.append(heading(messages.say("numbered_line", number=number, text=phase.label)))
        if covered:
            titles = messages.listing([section.title for section in covered])
            body += [
                subtle(messages.say("phase_model_line", phases=titles)),
                text(" ".join(section.summary.strip() for section in covered), spacing="Small"),
            ]
    new = submit(label(messages, "tool_register"), data(Do.PARTNERSHIP_NEW, mode="form"))
    body += [subtle(messages.say("phases_register_hint")), *button_row([new])]
    return card(body, full=True)


# --- the governance cycle -------------------------------------------------------------------


def tool_elements(messages: Messages, section: Section) -> list[Element]:
    """'In Samenwerkwijzer: …' and the button that opens the tool; nothing without a tool."""
    if section.tool is None:
        return []
    tool = messages.say(TOOL_KEYS[section.tool])
    line = text(messages.say("cycle_tool_line", tool=tool), spacing="Small")
    return [line, *button_row([_tool_action(messages, section.tool)])]


def _tool_action(messages: Messages, tool: str) -> Action:
    title_ = label(messages, TOOL_KEYS[tool])  # the label of the same key
    if tool == "register":
        return submit(title_, data(Do.PARTNERSHIP_NEW, mode="form"))
    if tool == "reminders":
        return submit(title_, data(Do.PARTNERSHIPS_MINE))
    if tool == "intakes":
        return command(title_, "thema's")
    return command(title_, "evaluatie")


def cycle_card(content: Content) -> Card:
    """'governancecyclus': richten, inrichten, verrichten, evalueren, each with its tool."""
    messages = content.messages
    cycle = framework(content, GOVERNANCE_CYCLE)
    if cycle is None:
        return card([text(messages.say("unknown_item"))])
    body: list[Element] = [
        title(cycle.title),
        text(cycle.summary),
        text(messages.say("cycle_intro"), spacing="Medium"),
    ]
    for section in cycle.sections:
        if section.group != CYCLE_GROUP:
            continue
        body += [heading(section.title, separator=True), text(section.summary)]
        body += tool_elements(messages, section)
    others = [s for s in cycle.sections if s.group != CYCLE_GROUP]
    if others:
        entries = [(s.title, data(Do.SHOW, id=s.id)) for s in others]
        body += [
            heading(messages.say("answer_sections"), separator=True),
            *numbered(messages, entries, "section_number"),
        ]
    return card(body, full=True)


# --- who does what --------------------------------------------------------------------------


def role_elements(messages: Messages, section: Section) -> list[Element]:
    """What a role does in a Wgr partnership and in a network (the answer card)."""
    body: list[Element] = []
    if section.wgr:
        body += [heading(messages.say("roles_wgr_heading")), text(section.wgr)]
    if section.network:
        body += [heading(messages.say("roles_network_heading")), text(section.network)]
    return body


def roles_card(content: Content, part: PrinciplePart) -> Card:
    """Every role, with what it does in this kind of partnership (A: Wgr, B: the rest)."""
    messages = content.messages
    body: list[Element] = [title(messages.say(ROLE_HEADING_KEYS[part]))]
    for section in roles(content):
        line = section.wgr if part == "A" else section.network
        body += [heading(section.title, separator=True), text(line or section.summary)]
    entries = [(section.title, data(Do.SHOW, id=section.id)) for section in roles(content)]
    if entries:
        body += [
            heading(messages.say("answer_sections"), separator=True),
            *numbered(messages, entries, "section_number"),
        ]
    return card(body, full=True)


def roles_section(messages: Messages, p: Partnership, part: PrinciplePart) -> list[Element]:
    """'Wie doet wat' on the partnership card: one line for its form, the roles, and the
    partnership's phase with the phase model."""
    show = submit(label(messages, "roles"), data(Do.ROLES, part=part))
    phase = submit(label(messages, "phase_show"), data(Do.PHASE_SHOW, id=_stored_id(p)))
    return [
        heading(messages.say("roles_section_heading"), separator=True),
        text(messages.say(ROLE_PART_KEYS[part])),
        *button_row([show, phase]),
    ]


# --- the evaluation regime ------------------------------------------------------------------


def regime_elements(
    messages: Messages, p: Partnership, register: RegisterFile, may_change: bool
) -> list[Element]:
    """The regime the partnership's importance proposes; 'Evaluatieregime toepassen' when
    its rhythm or kind of moment differ (for those who may change it)."""
    level = importance_level(register, p.importance)
    if level is None or level.regime is None:
        return []
    regime = level.regime
    body: list[Element] = [
        text(messages.say("regime_line", importance=level.label.lower(), advice=regime.advice))
    ]
    if not regime_differs(p, level):
        return [*body, subtle(messages.say("regime_fits_line"))]
    body.append(
        subtle(
            messages.say(
                "regime_current_line",
                cadence=_cadence(register, p.cadence),
                kind=register.evaluation_kind_labels.get(p.evaluation_kind, p.evaluation_kind),
            )
        )
    )
    if may_change and not p.archived:
        apply = data(Do.REGIME_APPLY, id=_stored_id(p))
        body += button_row([submit(label(messages, "regime_apply"), apply, style="positive")])
    return body


def importance_set_card(
    messages: Messages, done: str, p: Partnership, register: RegisterFile
) -> Card:
    """The importance set, with the evaluation regime it proposes."""
    return card([text(done), *regime_elements(messages, p, register, may_change=True)])


def _cadence(register: RegisterFile, key: str) -> str:
    return next((c.label for c in register.cadences if c.key == key), key)
