"""Cards of the appraisal (waarderingskader): choosing a partnership, the step-by-step questions,
one form per perspective, the result as a 3 x 3 grid with what to do next, the Markdown summary
and the appraisal part of a partnership card.

Pure builders; every fixed text comes from bot/cards/appraisal_texts.py. The grid is the only
card with three columns: short words, so it still fits a phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.cards import appraisal_texts as t
from bot.cards.actions import Action as A
from bot.cards.actions import data
from bot.cards.common import (
    Action,
    Card,
    Element,
    bullets,
    button_list,
    button_row,
    card,
    heading,
    shorten,
    show_card,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.inputs import choice_set, container, text_input
from bot.domain.appraisal import Appraisal, Outcome, Trend
from bot.domain.appraisal_content import AppraisalFile, Cell, Perspective
from bot.domain.content import Content
from bot.domain.models import RegisterFile
from bot.domain.register import Partnership

TITLE_LIMIT = 30  # button titles: readable on a phone
MAX_LISTED = 20
MAX_CHECKLIST = 6
MAX_INTAKES = 3
MAX_EXPERTS = 3
NOTE_SHOWN = 200
OPENING_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 500


def button(title_: str, payload: dict[str, Any], *, style: str | None = None) -> Action:
    return submit(shorten(title_, TITLE_LIMIT), payload, style=style)


def typed(title_: str, value: str) -> Action:
    """A button that posts `value` as if typed (the step-by-step dialog reads it)."""
    return button(title_, data(A.COMMAND, text=value))


# --- choosing what to appraise --------------------------------------------------------------


def appraisal_list_card(partnerships: Sequence[Partnership]) -> Card:
    """'evaluatie': one's partnerships to appraise, or one that is not registered yet."""
    body: list[Element] = [title(t.LIST_HEADING), text(t.LIST_INTRO)]
    listed = [p for p in partnerships if p.id is not None and not p.archived][:MAX_LISTED]
    if listed:
        body += button_list(button(p.name, data(A.APPRAISAL_START, id=p.id)) for p in listed)
    else:
        body.append(text(t.LIST_EMPTY))
    body += [
        subtle(t.OTHER_PARTNERSHIP_HINT),
        *button_list([button(t.OTHER_PARTNERSHIP_BUTTON, data(A.APPRAISAL_START))]),
    ]
    return card(body)


# --- step by step -------------------------------------------------------------------------


def _steering(index: int) -> list[Element]:
    steering = [typed(*t.SKIP), typed(*t.STOP)]
    if index > 1:
        steering.insert(1, typed(*t.BACK))
    return button_row(steering)


def _position(index: int, total: int, where: str | None = None) -> Element:
    position = t.QUESTION_OF.format(index=index, total=total)
    return subtle(f"{position} · {where}" if where else position)


def name_question_card(index: int, total: int) -> Card:
    body = [
        _position(index, total),
        heading(t.NAME_QUESTION),
        text(t.NAME_HINT, spacing="Small"),
        *button_row([typed(*t.STOP)]),
    ]
    return card(body)


def opening_question_card(
    appraisal: AppraisalFile, name: str, index: int, total: int, *, offer_form: bool
) -> Card:
    """The framework's own first question, in free text; at the start also 'Liever een
    formulier'."""
    opening = appraisal.opening
    body: list[Element] = [
        _position(index, total, name),
        subtle(t.OPENING_HEADING),
        heading(opening.question),
    ]
    if opening.hint:
        body.append(text(opening.hint, spacing="Small"))
    body.append(subtle(t.OPENING_TYPE))
    if offer_form:
        body += button_row([typed(t.FORM_MODE_BUTTON, t.FORM_MODE_WORD)])
    return card(body + _steering(index))


def cell_question_card(
    appraisal: AppraisalFile, cell: Cell, index: int, total: int, note: str | None = None
) -> Card:
    """One cell: its questions, then a rating button for each rating (posting its word)."""
    perspective = _perspective(appraisal, cell.perspective)
    body: list[Element] = [
        _position(index, total, perspective.title),
        heading(cell.title),
        bullets(cell.questions),
        text(t.CELL_ASK, bold=True, spacing="Medium"),
    ]
    if note:
        body.append(subtle(t.NOTE_LINE.format(note=shorten(note, NOTE_SHOWN))))
    ratings = [typed(rating.word, rating.typed[0]) for rating in appraisal.ratings]
    body += [
        *button_row(ratings[:2]),  # rows of two and three: readable on a phone
        *button_row(ratings[2:]),
        *_steering(index),
        subtle(t.CELL_TYPING_HINT),
    ]
    return card(body)


def choice_question_card(
    question: str,
    hint: str | None,
    choices: Sequence[tuple[str, str]],
    index: int,
    total: int,
    where: str,
) -> Card:
    """A closing question: `choices` are (button title, the word it posts)."""
    body: list[Element] = [_position(index, total, where), heading(question)]
    if hint:
        body.append(text(hint, spacing="Small"))
    body += [
        *button_list(typed(label, value) for label, value in choices),
        *_steering(index),
        subtle(t.CHOICE_TYPING_HINT),
    ]
    return card(body)


def cooperation_choices(appraisal: AppraisalFile) -> list[tuple[str, str]]:
    return [(kind.title, kind.title) for kind in appraisal.cooperation_kinds]


def cooperation_hint(appraisal: AppraisalFile) -> str:
    kinds = "\r".join(f"- **{k.title}**: {k.meaning}" for k in appraisal.cooperation_kinds)
    hint = appraisal.closing.cooperation.hint
    return f"{hint}\r{kinds}" if hint else kinds


def resume_card(name: str, index: int, total: int, *, form: bool = False) -> Card:
    """An unfinished appraisal: continue where it was (a question, or a part of the form)."""
    wording = t.RESUME_FORM_QUESTION if form else t.RESUME_QUESTION
    question = wording.format(name=name, index=index, total=total)
    buttons = [
        button(t.RESUME_BUTTON, data(A.DIALOG_CONTINUE), style="positive"),
        button(t.DISCARD_BUTTON, data(A.DIALOG_STOP)),
    ]
    return card([text(question), *button_row(buttons)])


# --- one form per perspective -------------------------------------------------------------


def perspective_form_card(
    appraisal: AppraisalFile,
    register: RegisterFile,
    name: str | None,
    part: int,
    partnership_id: int | None,
) -> Card:
    """Part `part` (0-based) of the form: the cells of one perspective; the first part opens
    with the name (when not registered) and the open question, the last ends with the closing
    questions."""
    perspectives = appraisal.perspectives
    perspective = perspectives[part]
    last = part == len(perspectives) - 1
    body: list[Element] = [
        title(t.FORM_HEADING.format(name=name or t.NEW_PARTNERSHIP_NAME)),
        subtle(
            t.FORM_PART.format(
                index=part + 1, total=len(perspectives), perspective=perspective.title
            )
        ),
        text(t.FORM_INTRO),
    ]
    if part == 0:
        if name is None:
            body.append(text_input("name", t.NAME_LABEL, required=t.NAME_REQUIRED, max_length=200))
        body.append(
            container(
                [
                    text(appraisal.opening.question, bold=True),
                    text_input(
                        "opening", t.OPENING_LABEL, multiline=True, max_length=OPENING_MAX_LENGTH
                    ),
                ],
                spacing="Large",
            )
        )
    cells = [cell for cell in appraisal.ordered_cells() if cell.perspective == perspective.key]
    body += [_form_cell(appraisal, cell) for cell in cells]
    if last:
        body += _closing_inputs(appraisal, register)
    action = t.SEND_BUTTON if last else t.NEXT_FORM_BUTTON
    payload = data(A.APPRAISAL_FORM, perspective=perspective.key, id=partnership_id)
    return card(body, [button(action, payload, style="positive")], full=True)


def _form_cell(appraisal: AppraisalFile, cell: Cell) -> Element:
    ratings = [(rating.word, rating.key) for rating in appraisal.ratings]
    return container(
        [
            text(cell.title, bold=True),
            bullets(cell.questions),
            choice_set(f"rating__{cell.key}", t.RATING_LABEL, ratings, expanded=True),
            text_input(f"note__{cell.key}", t.NOTE_LABEL, max_length=NOTE_MAX_LENGTH),
        ],
        spacing="Large",
        separator=True,
    )


def _closing_inputs(appraisal: AppraisalFile, register: RegisterFile) -> list[Element]:
    closing = appraisal.closing
    waters = [(closing.waters.calm, "rustig"), (closing.waters.rough, "onrustig")]
    yes_no = [(label, value) for label, value in t.YES_NO]
    phases = [(phase_label(register, key), key) for key in appraisal.phases]
    kinds = [(f"{k.title}: {k.meaning}", k.key) for k in appraisal.cooperation_kinds]
    return [
        heading(t.CLOSING_HEADING, separator=True),
        choice_set("waters", closing.waters.question, waters, expanded=True),
        choice_set("own_change", closing.own_change.question, yes_no, expanded=True),
        choice_set("phase", closing.phase.question, phases, expanded=True),
        choice_set("cooperation", closing.cooperation.question, kinds, expanded=True),
    ]


# --- the result -----------------------------------------------------------------------------


def result_card(
    appraisal: AppraisalFile,
    content: Content,
    stored: Appraisal,
    result: Outcome,
    trends: dict[str, Trend | None],
    previous: Appraisal | None,
    notices: Iterable[str] = (),
) -> Card:
    """The grid (colour and word per cell, ↑/↓/= since the previous appraisal), the closing
    answers, the weakest cells, next steps, checklist questions, intakes and teams.

    `notices`: what happened besides (the evaluation moment, the phase)."""
    body: list[Element] = [
        title(t.RESULT_HEADING.format(name=stored.partnership_name)),
        subtle(t.RESULT_DATE.format(date=t.dutch_date(stored.completed_at.date()))),
    ]
    body += [text(notice, spacing="Small") for notice in notices]
    if stored.opening:
        body += [
            text(t.OPENING_RESULT, bold=True, spacing="Medium"),
            text(shorten(stored.opening, 600), spacing="Small"),
        ]
    body += grid(appraisal, stored, trends)
    body.append(
        subtle(
            t.COMPARED_WITH.format(date=t.dutch_date(previous.completed_at.date()))
            if previous
            else t.FIRST_APPRAISAL
        )
    )
    body.append(_facts(appraisal, content.register, stored))
    body += _next(appraisal, content, stored, result)
    buttons = []
    if stored.id is not None:
        buttons.append(button(t.MARKDOWN_BUTTON, data(A.APPRAISAL_MARKDOWN, appraisal=stored.id)))
    if stored.partnership_id is not None:
        buttons.append(
            button(t.OPEN_PARTNERSHIP_BUTTON, data(A.PARTNERSHIP_OPEN, id=stored.partnership_id))
        )
    elif stored.id is not None:
        body.append(subtle(t.REGISTER_HINT))
        buttons.append(button(t.REGISTER_BUTTON, data(A.APPRAISAL_REGISTER, appraisal=stored.id)))
    body.append(container(button_row(buttons), spacing="Large"))
    return card(body, full=True)


def grid(
    appraisal: AppraisalFile, stored: Appraisal, trends: dict[str, Trend | None]
) -> list[Element]:
    """Perspectives as columns, rows as rows; each cell coloured and with its rating word."""
    header = _columns(text(p.short, bold=True) for p in appraisal.perspectives)
    elements: list[Element] = [{**header, "spacing": "Large", "separator": True}]
    for row in appraisal.rows:
        cells: list[Element] = []
        for perspective in appraisal.perspectives:
            key = f"{perspective.key}.{row.key}"
            rating = appraisal.rating(stored.rating_of(key))
            items = [text(rating.word, bold=True)]
            change = trends.get(key)
            if change:
                items.append(text(t.TREND_WORDS[change], spacing="None"))
            cells.append({"items": items, "style": rating.colour})
        elements += [
            text(row.title, subtle=True, spacing="Medium"),
            _columns(cells, styled=True, spacing="Small"),
        ]
    return elements


def _columns(
    cells: Iterable[Element], *, styled: bool = False, spacing: str | None = None
) -> Element:
    columns = []
    for cell in cells:
        if styled:
            column = {"type": "Column", "width": "stretch", **cell}
        else:
            column = {"type": "Column", "width": "stretch", "items": [cell]}
        columns.append(column)
    element: Element = {"type": "ColumnSet", "columns": columns}
    if spacing:
        element["spacing"] = spacing
    return element


def _facts(appraisal: AppraisalFile, register: RegisterFile, stored: Appraisal) -> Element:
    waters = appraisal.closing.waters
    waters_text = {"rustig": waters.calm, "onrustig": waters.rough}.get(stored.waters or "")
    change = stored.own_organisation_change
    kind = next((k.title for k in appraisal.cooperation_kinds if k.key == stored.cooperation), None)
    facts = [
        (t.FACT_WATERS, waters_text),
        (t.FACT_OWN_CHANGE, None if change is None else t.YES if change else t.NO),
        (t.FACT_PHASE, phase_label(register, stored.phase) if stored.phase else None),
        (t.FACT_COOPERATION, kind),
    ]
    return {
        "type": "FactSet",
        "spacing": "Medium",
        "facts": [{"title": name, "value": value or t.NOT_ANSWERED} for name, value in facts],
    }


def _next(
    appraisal: AppraisalFile, content: Content, stored: Appraisal, result: Outcome
) -> list[Element]:
    body: list[Element] = [heading(t.WEAKEST_HEADING, separator=True)]
    if not result.weakest:
        body.append(text(t.NO_WEAK_CELLS))
    else:
        body.append(bullets(_weak_lines(appraisal, stored, result)))
    steps = [s for s in appraisal.next_steps if s.key in result.next_steps]
    steps.sort(key=lambda s: result.next_steps.index(s.key))
    if steps:
        body.append(heading(t.NEXT_STEPS_HEADING))
        body += [
            container([text(s.title, bold=True), text(s.meaning, spacing="None")], spacing="Small")
            for s in steps
        ]
    questions = [content.items[i].question for i in result.checklist if i in content.items]
    if questions:
        body += [heading(t.CHECKLIST_HEADING), bullets(questions[:MAX_CHECKLIST])]
    themes = [th for key in result.themes for th in content.themes if th.key == key]
    if themes:
        body += [
            heading(t.INTAKES_HEADING),
            *button_list(
                button(
                    t.INTAKE_BUTTON.format(theme=th.title),
                    data(
                        A.INTAKE_START,
                        theme=th.key,
                        mode="steps",
                        partnership=stored.partnership_id,
                    ),
                )
                for th in themes[:MAX_INTAKES]
            ),
        ]
    experts = [content.experts[c] for c in result.experts if c in content.experts]
    if experts:
        body += [
            heading(t.EXPERTS_HEADING),
            *button_list(
                button(e.name, data(A.EXPERT, code=e.code)) for e in experts[:MAX_EXPERTS]
            ),
        ]
    return body


def _weak_lines(appraisal: AppraisalFile, stored: Appraisal, result: Outcome) -> list[str]:
    lines = []
    notes = {r.cell: r.note for r in stored.ratings if r.note}
    for key in result.weakest:
        cell = appraisal.cell(key)
        line = t.WEAK_LINE.format(
            perspective=_perspective(appraisal, cell.perspective).short,
            cell=cell.title,
            rating=appraisal.rating(stored.rating_of(key)).word,
        )
        if key in notes:
            line += f" ({shorten(notes[key] or '', NOTE_SHOWN)})"
        lines.append(line)
    return lines


def phase_back_card(partnership: Partnership, answered: str, current: str, phase_key: str) -> Card:
    """The answered phase lies before the registered one: move it back only when confirmed."""
    question = t.PHASE_BACK_QUESTION.format(answered=answered, current=current)
    buttons = [
        button(
            t.PHASE_BACK_BUTTON,
            data(A.APPRAISAL_PHASE, id=partnership.id, phase=phase_key),
            style="positive",
        ),
        button(t.PHASE_KEEP_BUTTON, data(A.CANCEL)),
    ]
    return card([text(question), *button_row(buttons)])


# --- on the partnership card ----------------------------------------------------------------


def partnership_section(
    partnership: Partnership,
    latest: Appraisal | None,
    register: RegisterFile,
    may_change: bool,
) -> list[Element]:
    """'Belang en waardering': the importance for council and college (those who may change
    the partnership set it), the date of the last appraisal, start a new one, see the last."""
    body: list[Element] = [heading(t.SECTION_HEADING, separator=True)]
    labels = {level.key: level.label for level in register.importance_levels}
    if labels:
        importance = labels.get(partnership.importance or "", t.IMPORTANCE_UNSET)
        body.append(text(t.IMPORTANCE_LINE.format(importance=importance)))
    if latest is None:
        body.append(text(t.NO_APPRAISAL))
    else:
        body.append(text(t.LAST_APPRAISAL.format(date=t.dutch_date(latest.completed_at.date()))))
    buttons: list[Action] = []
    if not partnership.archived and partnership.id is not None:
        buttons.append(button(t.START_BUTTON, data(A.APPRAISAL_START, id=partnership.id)))
    if latest is not None and latest.id is not None:
        buttons.append(button(t.SHOW_BUTTON, data(A.APPRAISAL_SHOW, appraisal=latest.id)))
    if labels and may_change and not partnership.archived and partnership.id is not None:
        choices = [(label, key) for key, label in labels.items()]
        save = data(A.PARTNERSHIP_IMPORTANCE, id=partnership.id)
        form = [
            choice_set(
                "importance", t.IMPORTANCE_LABEL, choices, expanded=True,
                value=partnership.importance,
            ),
            *button_row([button(t.IMPORTANCE_SAVE, save, style="positive")]),
        ]  # fmt: skip
        buttons.append(show_card(shorten(t.IMPORTANCE_BUTTON, TITLE_LIMIT), form))
    return body + button_row(buttons)


# --- the Markdown summary -------------------------------------------------------------------


def summary_markdown(
    appraisal: AppraisalFile,
    content: Content,
    stored: Appraisal,
    result: Outcome,
    trends: dict[str, Trend | None],
    previous: Appraisal | None,
    partnership: Partnership | None = None,
    notices: Sequence[str] = (),
) -> str:
    """The result as a Markdown document, for the account holder's report to college or
    council; with the partnership's form, account holder and importance when registered, and
    `notices` (the moment completed, the phase moved)."""
    lines = [
        f"# {t.RESULT_HEADING.format(name=_md(stored.partnership_name))}",
        "",
        f"- {t.MD_DATE.format(date=t.dutch_date(stored.completed_at.date()))}",
    ]
    if previous:
        lines.append(f"- {t.MD_PREVIOUS.format(date=t.dutch_date(previous.completed_at.date()))}")
    if partnership is not None:
        lines += [f"- {line}" for line in _md_facts(partnership, content.register)]
    if notices:
        lines += ["", *notices]
    if stored.opening:
        lines += ["", f"## {t.OPENING_RESULT}", "", _md(stored.opening)]
    columns = " | ".join(p.short for p in appraisal.perspectives)
    lines += [
        "",
        f"## {t.MD_GRID}",
        "",
        t.MD_TABLE_HEAD.format(columns=columns),
        "|---" * (len(appraisal.perspectives) + 1) + "|",
    ]
    for row in appraisal.rows:
        cells = []
        for perspective in appraisal.perspectives:
            key = f"{perspective.key}.{row.key}"
            word = appraisal.rating(stored.rating_of(key)).word
            change = trends.get(key)
            cells.append(f"{word} {t.TREND_ARROWS[change]}" if change else word)
        lines.append(f"| {row.title} | {' | '.join(cells)} |")
    notes = [(appraisal.cell(r.cell), r.note) for r in stored.ratings if r.note]
    if notes:
        lines += ["", f"## {t.MD_NOTES}", ""]
        lines += [
            f"- {_perspective(appraisal, cell.perspective).short} · {cell.title}: {_md(note or '')}"
            for cell, note in notes
        ]
    facts = _facts(appraisal, content.register, stored)["facts"]
    lines += ["", f"## {t.MD_CLOSING}", ""]
    lines += [f"- {fact['title']}: {fact['value']}" for fact in facts]
    lines += ["", f"## {t.WEAKEST_HEADING}", ""]
    if result.weakest:
        lines += [f"- {_md(line)}" for line in _weak_lines(appraisal, stored, result)]
    else:
        lines.append(t.NO_WEAK_CELLS)
    steps = [s for s in appraisal.next_steps if s.key in result.next_steps]
    steps.sort(key=lambda s: result.next_steps.index(s.key))
    if steps:
        lines += ["", f"## {t.MD_NEXT_STEPS}", ""]
        lines += [f"- **{s.title}**: {s.meaning}" for s in steps]
    questions = [content.items[i].question for i in result.checklist if i in content.items]
    if questions:
        lines += ["", f"## {t.MD_CHECKLIST}", ""]
        lines += [f"- {q}" for q in questions]
    themes = [th.title for key in result.themes for th in content.themes if th.key == key]
    if themes:
        lines += ["", f"## {t.MD_INTAKES}", ""]
        lines += [f"- {name}" for name in themes]
    experts = [content.experts[c].name for c in result.experts if c in content.experts]
    if experts:
        lines += ["", f"## {t.MD_EXPERTS}", ""]
        lines += [f"- {name}" for name in experts]
    return "\n".join(lines) + "\n"


def _md_facts(partnership: Partnership, register: RegisterFile) -> list[str]:
    form = next((f.label for f in register.forms if f.key == partnership.form), partnership.form)
    lines = [t.MD_FORM.format(form=form)]
    if partnership.account_holder.name:
        lines.append(t.MD_HOLDER.format(name=_md(partnership.account_holder.name)))
    levels = {level.key: level.label for level in register.importance_levels}
    if partnership.importance in levels:
        lines.append(t.MD_IMPORTANCE.format(importance=levels[partnership.importance]))
    return lines


# --- shared ---------------------------------------------------------------------------------


def _perspective(appraisal: AppraisalFile, key: str) -> Perspective:
    return next(p for p in appraisal.perspectives if p.key == key)


def phase_label(register: RegisterFile, key: str) -> str:
    """The Dutch label of a register phase; the key itself when it is unknown."""
    return next((phase.label for phase in register.phases if phase.key == key), key)


def _md(value: str) -> str:
    """User text on one line, with Markdown's special characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(value.split()))
