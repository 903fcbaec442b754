"""Cards of the appraisal (waarderingskader): choosing a partnership, the step-by-step questions,
one form per perspective, the result as a 3 x 3 grid with what to do next, the Markdown summary
and the appraisal part of a partnership card.

Pure builders; every fixed text comes from content/messages.yaml (its appraisal section), every
button title through bot.cards.labels. The grid is the only
card with three columns: short words, so it still fits a phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

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
from bot.cards.labels import label
from bot.domain.appraisal import Appraisal, Outcome, Trend
from bot.domain.appraisal_content import AppraisalFile, Cell, Perspective
from bot.domain.content import Content
from bot.domain.messages import Messages
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
FORM_WORD = "formulier"  # typed (or posted by 'Liever een formulier'): switch to the forms
# What a steering button posts as if typed, and the key of its label.
STEERING_KEYS = {"overslaan": "appraisal_skip", "terug": "appraisal_back", "stop": "appraisal_stop"}
YES_NO_KEYS = {"ja": "appraisal_yes", "nee": "appraisal_no"}  # own_change: value -> key
TREND_KEYS = {
    "up": "appraisal_trend_up",
    "down": "appraisal_trend_down",
    "same": "appraisal_trend_same",
}
TREND_ARROWS = {"up": "↑", "down": "↓", "same": "="}  # symbols, in the Markdown table


def button(title_: str, payload: dict[str, Any], *, style: str | None = None) -> Action:
    return submit(shorten(title_, TITLE_LIMIT), payload, style=style)


def typed(title_: str, value: str) -> Action:
    """A button that posts `value` as if typed (the step-by-step dialog reads it)."""
    return button(title_, data(A.COMMAND, text=value))


# --- choosing what to appraise --------------------------------------------------------------


def appraisal_list_card(messages: Messages, partnerships: Sequence[Partnership]) -> Card:
    """'evaluatie': one's partnerships to appraise, or one that is not registered yet."""
    m = messages
    body: list[Element] = [
        title(m.say("appraisal_list_heading")),
        text(m.say("appraisal_list_intro")),
    ]
    listed = [p for p in partnerships if p.id is not None and not p.archived][:MAX_LISTED]
    if listed:
        body += button_list(button(p.name, data(A.APPRAISAL_START, id=p.id)) for p in listed)
    else:
        body.append(text(m.say("appraisal_list_empty")))
    other = label(m, "appraisal_other_partnership")
    body += [
        subtle(m.say("appraisal_other_partnership_hint")),
        *button_list([button(other, data(A.APPRAISAL_START))]),
    ]
    return card(body)


# --- step by step -------------------------------------------------------------------------


def _steer(messages: Messages, word: str) -> Action:
    return typed(label(messages, STEERING_KEYS[word]), word)


def _steering(messages: Messages, index: int) -> list[Element]:
    words = ["overslaan", "terug", "stop"] if index > 1 else ["overslaan", "stop"]
    return button_row([_steer(messages, word) for word in words])


def _position(messages: Messages, index: int, total: int, where: str | None = None) -> Element:
    if where:
        return subtle(
            messages.say("appraisal_question_of_where", index=index, total=total, where=where)
        )
    return subtle(messages.say("appraisal_question_of", index=index, total=total))


def name_question_card(messages: Messages, index: int, total: int) -> Card:
    body = [
        _position(messages, index, total),
        heading(messages.say("appraisal_name_question")),
        text(messages.say("appraisal_name_hint"), spacing="Small"),
        *button_row([_steer(messages, "stop")]),
    ]
    return card(body)


def opening_question_card(
    appraisal: AppraisalFile,
    messages: Messages,
    name: str,
    index: int,
    total: int,
    *,
    offer_form: bool,
) -> Card:
    """The framework's own first question, in free text; at the start also 'Liever een
    formulier'."""
    opening = appraisal.opening
    body: list[Element] = [
        _position(messages, index, total, name),
        subtle(messages.say("appraisal_opening_heading")),
        heading(opening.question),
    ]
    if opening.hint:
        body.append(text(opening.hint, spacing="Small"))
    body.append(subtle(messages.say("appraisal_opening_type")))
    if offer_form:
        body += button_row([typed(label(messages, "appraisal_form_mode"), FORM_WORD)])
    return card(body + _steering(messages, index))


def cell_question_card(
    appraisal: AppraisalFile,
    messages: Messages,
    cell: Cell,
    index: int,
    total: int,
    note: str | None = None,
) -> Card:
    """One cell: its questions, then a rating button for each rating (posting its word)."""
    perspective = _perspective(appraisal, cell.perspective)
    body: list[Element] = [
        _position(messages, index, total, perspective.title),
        heading(cell.title),
        bullets(cell.questions),
        text(messages.say("appraisal_cell_ask"), bold=True, spacing="Medium"),
    ]
    if note:
        body.append(subtle(messages.say("appraisal_note_line", note=shorten(note, NOTE_SHOWN))))
    ratings = [typed(rating.word, rating.typed[0]) for rating in appraisal.ratings]
    body += [
        *button_row(ratings[:2]),  # rows of two and three: readable on a phone
        *button_row(ratings[2:]),
        *_steering(messages, index),
        subtle(messages.say("appraisal_cell_typing_hint")),
    ]
    return card(body)


def choice_question_card(
    messages: Messages,
    question: str,
    hint: str | None,
    choices: Sequence[tuple[str, str]],
    index: int,
    total: int,
    where: str,
) -> Card:
    """A closing question: `choices` are (button title, the word it posts)."""
    body: list[Element] = [_position(messages, index, total, where), heading(question)]
    if hint:
        body.append(text(hint, spacing="Small"))
    body += [
        *button_list(typed(title_, value) for title_, value in choices),
        *_steering(messages, index),
        subtle(messages.say("appraisal_choice_typing_hint")),
    ]
    return card(body)


def cooperation_choices(appraisal: AppraisalFile) -> list[tuple[str, str]]:
    return [(kind.title, kind.title) for kind in appraisal.cooperation_kinds]


def cooperation_hint(appraisal: AppraisalFile) -> str:
    kinds = "\r".join(f"- **{k.title}**: {k.meaning}" for k in appraisal.cooperation_kinds)
    hint = appraisal.closing.cooperation.hint
    return f"{hint}\r{kinds}" if hint else kinds


def yes_no_choices(messages: Messages) -> list[tuple[str, str]]:
    """(button title, the word it posts) of the question about one's own organisation."""
    return [(label(messages, YES_NO_KEYS[value]), value) for value in YES_NO_KEYS]


def resume_card(
    messages: Messages, name: str, index: int, total: int, *, form: bool = False
) -> Card:
    """An unfinished appraisal: continue where it was (a question, or a part of the form)."""
    question = messages.say(
        "appraisal_resume_form" if form else "appraisal_resume", name=name, index=index, total=total
    )
    buttons = [
        button(label(messages, "appraisal_resume"), data(A.DIALOG_CONTINUE), style="positive"),
        button(label(messages, "appraisal_discard"), data(A.DIALOG_STOP)),
    ]
    return card([text(question), *button_row(buttons)])


# --- one form per perspective -------------------------------------------------------------


def perspective_form_card(
    appraisal: AppraisalFile,
    messages: Messages,
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
    m = messages
    heading_name = name or m.say("appraisal_new_partnership_name")
    body: list[Element] = [
        title(m.say("appraisal_form_heading", name=heading_name)),
        subtle(
            m.say(
                "appraisal_form_part",
                index=part + 1,
                total=len(perspectives),
                perspective=perspective.title,
            )
        ),
        text(m.say("appraisal_form_intro")),
    ]
    if part == 0:
        if name is None:
            body.append(
                text_input(
                    "name",
                    m.say("appraisal_name_input"),
                    required=m.say("appraisal_name_required"),
                    max_length=200,
                )
            )
        opening_input = m.say("appraisal_opening_input")
        body.append(
            container(
                [
                    text(appraisal.opening.question, bold=True),
                    text_input(
                        "opening", opening_input, multiline=True, max_length=OPENING_MAX_LENGTH
                    ),
                ],
                spacing="Large",
            )
        )
    cells = [cell for cell in appraisal.ordered_cells() if cell.perspective == perspective.key]
    body += [_form_cell(appraisal, m, cell) for cell in cells]
    if last:
        body += _closing_inputs(appraisal, m, register)
    action = label(m, "appraisal_send") if last else label(m, "appraisal_next_form")
    payload = data(A.APPRAISAL_FORM, perspective=perspective.key, id=partnership_id)
    return card(body, [button(action, payload, style="positive")], full=True)


def _form_cell(appraisal: AppraisalFile, messages: Messages, cell: Cell) -> Element:
    ratings = [(rating.word, rating.key) for rating in appraisal.ratings]
    rating_input = messages.say("appraisal_rating_input")
    note_input = messages.say("appraisal_note_input")
    return container(
        [
            text(cell.title, bold=True),
            bullets(cell.questions),
            choice_set(f"rating__{cell.key}", rating_input, ratings, expanded=True),
            text_input(f"note__{cell.key}", note_input, max_length=NOTE_MAX_LENGTH),
        ],
        spacing="Large",
        separator=True,
    )


def _closing_inputs(
    appraisal: AppraisalFile, messages: Messages, register: RegisterFile
) -> list[Element]:
    closing = appraisal.closing
    waters = [(closing.waters.calm, "rustig"), (closing.waters.rough, "onrustig")]
    yes_no = [(messages.say(YES_NO_KEYS[value]), value) for value in YES_NO_KEYS]
    phases = [(phase_label(register, key), key) for key in appraisal.phases]
    kinds = [(f"{k.title}: {k.meaning}", k.key) for k in appraisal.cooperation_kinds]
    return [
        heading(messages.say("appraisal_closing_heading"), separator=True),
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
    m = content.messages
    body: list[Element] = [
        title(m.say("appraisal_result_heading", name=stored.partnership_name)),
        subtle(m.say("appraisal_result_date", date=m.date(stored.completed_at.date()))),
    ]
    body += [text(notice, spacing="Small") for notice in notices]
    if stored.opening:
        body += [
            text(m.say("appraisal_opening_result"), bold=True, spacing="Medium"),
            text(shorten(stored.opening, 600), spacing="Small"),
        ]
    body += grid(appraisal, m, stored, trends)
    body.append(
        subtle(
            m.say("appraisal_compared_with", date=m.date(previous.completed_at.date()))
            if previous
            else m.say("appraisal_first")
        )
    )
    body.append(_facts(appraisal, m, content.register, stored))
    body += _next(appraisal, content, stored, result)
    buttons = []
    if stored.id is not None:
        markdown = data(A.APPRAISAL_MARKDOWN, appraisal=stored.id)
        buttons.append(button(label(m, "appraisal_markdown"), markdown))
    if stored.partnership_id is not None:
        open_ = data(A.PARTNERSHIP_OPEN, id=stored.partnership_id)
        buttons.append(button(label(m, "appraisal_open_partnership"), open_))
    elif stored.id is not None:
        body.append(subtle(m.say("appraisal_register_hint")))
        register = data(A.APPRAISAL_REGISTER, appraisal=stored.id)
        buttons.append(button(label(m, "appraisal_register"), register))
    body.append(container(button_row(buttons), spacing="Large"))
    return card(body, full=True)


def grid(
    appraisal: AppraisalFile,
    messages: Messages,
    stored: Appraisal,
    trends: dict[str, Trend | None],
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
                items.append(text(messages.say(TREND_KEYS[change]), spacing="None"))
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


def _facts(
    appraisal: AppraisalFile, messages: Messages, register: RegisterFile, stored: Appraisal
) -> Element:
    waters = appraisal.closing.waters
    waters_text = {"rustig": waters.calm, "onrustig": waters.rough}.get(stored.waters or "")
    change = stored.own_organisation_change
    kind = next((k.title for k in appraisal.cooperation_kinds if k.key == stored.cooperation), None)
    m = messages
    own_change = None if change is None else m.say(YES_NO_KEYS["ja" if change else "nee"])
    facts = [
        (m.say("appraisal_fact_waters"), waters_text),
        (m.say("appraisal_fact_own_change"), own_change),
        (
            m.say("appraisal_fact_phase"),
            phase_label(register, stored.phase) if stored.phase else None,
        ),
        (m.say("appraisal_fact_cooperation"), kind),
    ]
    not_answered = m.say("appraisal_not_answered")
    return {
        "type": "FactSet",
        "spacing": "Medium",
        "facts": [{"title": name, "value": value or not_answered} for name, value in facts],
    }


def _next(
    appraisal: AppraisalFile, content: Content, stored: Appraisal, result: Outcome
) -> list[Element]:
    m = content.messages
    body: list[Element] = [heading(m.say("appraisal_weakest_heading"), separator=True)]
    if not result.weakest:
        body.append(text(m.say("appraisal_no_weak_cells")))
    else:
        body.append(bullets(_weak_lines(appraisal, m, stored, result)))
    steps = [s for s in appraisal.next_steps if s.key in result.next_steps]
    steps.sort(key=lambda s: result.next_steps.index(s.key))
    if steps:
        body.append(heading(m.say("appraisal_next_steps_heading")))
        body += [
            container([text(s.title, bold=True), text(s.meaning, spacing="None")], spacing="Small")
            for s in steps
        ]
    questions = [content.items[i].question for i in result.checklist if i in content.items]
    if questions:
        body += [heading(m.say("appraisal_checklist_heading")), bullets(questions[:MAX_CHECKLIST])]
    themes = [th for key in result.themes for th in content.themes if th.key == key]
    if themes:
        body += [
            heading(m.say("appraisal_intakes_heading")),
            *button_list(
                button(
                    label(m, "appraisal_intake", theme=th.title),
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
            heading(m.say("appraisal_experts_heading")),
            *button_list(
                button(e.name, data(A.EXPERT, code=e.code)) for e in experts[:MAX_EXPERTS]
            ),
        ]
    return body


def _weak_lines(
    appraisal: AppraisalFile, messages: Messages, stored: Appraisal, result: Outcome
) -> list[str]:
    lines = []
    notes = {r.cell: r.note for r in stored.ratings if r.note}
    for key in result.weakest:
        cell = appraisal.cell(key)
        perspective = _perspective(appraisal, cell.perspective).short
        rating = appraisal.rating(stored.rating_of(key)).word
        if key in notes:
            note = shorten(notes[key] or "", NOTE_SHOWN)
            line = messages.say(
                "appraisal_weak_line_note",
                perspective=perspective,
                cell=cell.title,
                rating=rating,
                note=note,
            )
        else:
            line = messages.say(
                "appraisal_weak_line", perspective=perspective, cell=cell.title, rating=rating
            )
        lines.append(line)
    return lines


def phase_back_card(
    messages: Messages, partnership: Partnership, answered: str, current: str, phase_key: str
) -> Card:
    """The answered phase lies before the registered one: move it back only when confirmed."""
    question = messages.say("appraisal_phase_back_question", answered=answered, current=current)
    buttons = [
        button(
            label(messages, "appraisal_phase_back"),
            data(A.APPRAISAL_PHASE, id=partnership.id, phase=phase_key),
            style="positive",
        ),
        button(label(messages, "appraisal_phase_keep"), data(A.CANCEL)),
    ]
    return card([text(question), *button_row(buttons)])


# --- on the partnership card ----------------------------------------------------------------


def partnership_section(
    messages: Messages,
    partnership: Partnership,
    latest: Appraisal | None,
    register: RegisterFile,
    may_change: bool,
) -> list[Element]:
    """'Belang en waardering': the importance for council and college (those who may change
    the partnership set it), the date of the last appraisal, start a new one, see the last."""
    m = messages
    body: list[Element] = [heading(m.say("appraisal_section_heading"), separator=True)]
    levels = {level.key: level.label for level in register.importance_levels}
    if levels:
        importance = levels.get(partnership.importance or "", m.say("appraisal_importance_unset"))
        body.append(text(m.say("appraisal_importance_line", importance=importance)))
    if latest is None:
        body.append(text(m.say("appraisal_none")))
    else:
        body.append(text(m.say("appraisal_last", date=m.date(latest.completed_at.date()))))
    buttons: list[Action] = []
    if not partnership.archived and partnership.id is not None:
        start = data(A.APPRAISAL_START, id=partnership.id)
        buttons.append(button(label(m, "appraisal_start"), start))
    if latest is not None and latest.id is not None:
        show = data(A.APPRAISAL_SHOW, appraisal=latest.id)
        buttons.append(button(label(m, "appraisal_show"), show))
    if levels and may_change and not partnership.archived and partnership.id is not None:
        choices = [(level, key) for key, level in levels.items()]
        save = data(A.PARTNERSHIP_IMPORTANCE, id=partnership.id)
        form = [
            choice_set(
                "importance", m.say("appraisal_importance_input"), choices, expanded=True,
                value=partnership.importance,
            ),
            *button_row([button(label(m, "appraisal_importance_save"), save, style="positive")]),
        ]  # fmt: skip
        importance_button = shorten(label(m, "appraisal_importance"), TITLE_LIMIT)
        buttons.append(show_card(importance_button, form))
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
    m = content.messages
    lines = [
        f"# {m.say('appraisal_result_heading', name=_md(stored.partnership_name))}",
        "",
        f"- {m.say('appraisal_md_date', date=m.date(stored.completed_at.date()))}",
    ]
    if previous:
        lines.append(
            f"- {m.say('appraisal_md_previous', date=m.date(previous.completed_at.date()))}"
        )
    if partnership is not None:
        lines += [f"- {line}" for line in _md_facts(m, partnership, content.register)]
    if notices:
        lines += ["", *notices]
    if stored.opening:
        lines += ["", f"## {m.say('appraisal_opening_result')}", "", _md(stored.opening)]
    columns = " | ".join(p.short for p in appraisal.perspectives)
    lines += [
        "",
        f"## {m.say('appraisal_md_grid')}",
        "",
        f"| | {columns} |",
        "|---" * (len(appraisal.perspectives) + 1) + "|",
    ]
    for row in appraisal.rows:
        cells = []
        for perspective in appraisal.perspectives:
            key = f"{perspective.key}.{row.key}"
            word = appraisal.rating(stored.rating_of(key)).word
            change = trends.get(key)
            cells.append(f"{word} {TREND_ARROWS[change]}" if change else word)
        lines.append(f"| {row.title} | {' | '.join(cells)} |")
    notes = [(appraisal.cell(r.cell), r.note) for r in stored.ratings if r.note]
    if notes:
        lines += ["", f"## {m.say('appraisal_md_notes')}", ""]
        lines += [
            f"- {_perspective(appraisal, cell.perspective).short} · {cell.title}: {_md(note or '')}"
            for cell, note in notes
        ]
    facts = _facts(appraisal, m, content.register, stored)["facts"]
    lines += ["", f"## {m.say('appraisal_md_closing')}", ""]
    lines += [f"- {fact['title']}: {fact['value']}" for fact in facts]
    lines += ["", f"## {m.say('appraisal_weakest_heading')}", ""]
    if result.weakest:
        lines += [f"- {_md(line)}" for line in _weak_lines(appraisal, m, stored, result)]
    else:
        lines.append(m.say("appraisal_no_weak_cells"))
    steps = [s for s in appraisal.next_steps if s.key in result.next_steps]
    steps.sort(key=lambda s: result.next_steps.index(s.key))
    if steps:
        lines += ["", f"## {m.say('appraisal_md_next_steps')}", ""]
        lines += [f"- **{s.title}**: {s.meaning}" for s in steps]
    questions = [content.items[i].question for i in result.checklist if i in content.items]
    if questions:
        lines += ["", f"## {m.say('appraisal_md_checklist')}", ""]
        lines += [f"- {q}" for q in questions]
    themes = [th.title for key in result.themes for th in content.themes if th.key == key]
    if themes:
        lines += ["", f"## {m.say('appraisal_md_intakes')}", ""]
        lines += [f"- {name}" for name in themes]
    experts = [content.experts[c].name for c in result.experts if c in content.experts]
    if experts:
        lines += ["", f"## {m.say('appraisal_md_experts')}", ""]
        lines += [f"- {name}" for name in experts]
    return "\n".join(lines) + "\n"


def _md_facts(messages: Messages, partnership: Partnership, register: RegisterFile) -> list[str]:
    form = next((f.label for f in register.forms if f.key == partnership.form), partnership.form)
    lines = [messages.say("appraisal_md_form", form=form)]
    if partnership.account_holder.name:
        holder = _md(partnership.account_holder.name)
        lines.append(messages.say("appraisal_md_holder", name=holder))
    levels = {level.key: level.label for level in register.importance_levels}
    if partnership.importance in levels:
        importance = levels[partnership.importance]
        lines.append(messages.say("appraisal_md_importance", importance=importance))
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
