"""Cards of a theme intake: how to start it, the form, the step-by-step prompt, the summary.

Also the input elements (Input.Text, Input.ChoiceSet, Input.Date) the register's cards use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime
from itertools import groupby
from typing import Any

from bot.cards import texts
from bot.cards.common import (
    Action,
    Card,
    Element,
    as_sentence,
    button_list,
    button_row,
    card,
    expert_block,
    heading,
    im_back,
    one_line,
    shorten,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.inputs import choice_set, container, text_input
from bot.domain.content import Content
from bot.domain.intake import ANSWERS, IntakeOutcome, ItemAnswer, OpenPoint
from bot.domain.models import ChecklistItem, Expert, Theme

SECONDS_PER_QUESTION = 25
MIN_MINUTES = 5
NOTE_MAX_LENGTH = 500
NOTE_SHOWN = 300  # a note typed in the chat can be long; the Markdown keeps all of it

# --- starting an intake -------------------------------------------------------------------


def intake_start_action(
    title_: str, theme_key: str, mode: str, partnership_id: int | None = None
) -> Action:
    data: dict[str, Any] = {"action": "intake_start", "theme": theme_key, "mode": mode}
    if partnership_id is not None:
        data["partnership"] = partnership_id
    return submit(title_, data)


def intake_button(theme: Theme, partnership_id: int | None = None) -> Action:
    """'Intake Juridisch': start that theme's intake step by step."""
    return intake_start_action(
        texts.INTAKE_BUTTON.format(theme=theme.title), theme.key, "steps", partnership_id
    )


def theme_by_key(content: Content, key: str) -> Theme | None:
    return next((theme for theme in content.themes if theme.key == key), None)


def intake_choice_card(
    theme: Theme, partnership_name: str | None = None, partnership_id: int | None = None
) -> Card:
    """What an intake on this theme is, and a choice: one form, or step by step in the chat."""
    count = len(theme.items)
    minutes = max(MIN_MINUTES, math.ceil(count * SECONDS_PER_QUESTION / 60))
    body: list[Element] = [title(texts.INTAKE_HEADING.format(theme=theme.title))]
    if partnership_name:
        body.append(subtle(texts.INTAKE_FOR.format(partnership=partnership_name)))
    body += [
        text(texts.INTAKE_WHAT.format(count=count, minutes=minutes), spacing="Medium"),
        text(texts.INTAKE_AFTER),
        text(texts.INTAKE_HOW, bold=True, spacing="Medium"),
        *button_list(
            [
                intake_start_action(texts.INTAKE_FORM_BUTTON, theme.key, "form", partnership_id),
                intake_start_action(texts.INTAKE_STEPS_BUTTON, theme.key, "steps", partnership_id),
            ]
        ),
    ]
    return card(body)


# --- the form -----------------------------------------------------------------------------


def intake_form_card(theme: Theme, content: Content) -> Card:
    """Every checklist question of the theme in one form, under the guide's parts."""
    body: list[Element] = [
        title(texts.INTAKE_HEADING.format(theme=theme.title)),
        text(texts.INTAKE_FORM_INTRO),
    ]
    numbered = enumerate(theme.items, 1)
    for part, group in groupby(numbered, key=lambda pair: pair[1].part):
        if part:
            body.append(heading(part, separator=True))
        body += [_form_question(number, item) for number, item in group]
    send = submit(texts.SEND, {"action": "intake_form", "theme": theme.key}, style="positive")
    return card(body, [send], full=True)


def _form_question(number: int, item: ChecklistItem) -> Element:
    answers = [(texts.ANSWER_LABELS[code], code) for code in ANSWERS]
    return container(
        [
            text(f"{number}. {item.question}", bold=True),
            subtle(one_line(item.explanation)),
            choice_set(f"answer__{item.id}", texts.ANSWER_INPUT_LABEL, answers, expanded=True),
            text_input(
                f"note__{item.id}",
                texts.NOTE_INPUT_LABEL,
                placeholder=texts.NOTE_PLACEHOLDER,
                max_length=NOTE_MAX_LENGTH,
            ),
        ],
        spacing="Large",
    )


# --- step by step -------------------------------------------------------------------------


def intake_question_card(
    theme: Theme, item: ChecklistItem, index: int, total: int, note: str | None = None
) -> Card:
    """One question in the chat: answer buttons that post the typed word, then skip/back/stop.

    `index` counts from 1; the first question has no 'Terug'.
    """
    answers = [im_back(label, value) for label, value in texts.STEP_ANSWERS]
    steering = [im_back(*texts.SKIP), im_back(*texts.STOP)]
    if index > 1:
        steering.insert(1, im_back(*texts.BACK))
    body: list[Element] = [
        subtle(f"{texts.QUESTION_OF.format(index=index, total=total)} · {theme.title}"),
        heading(item.question),
        text(item.explanation, spacing="Small"),
    ]
    if note:
        shown = shorten(note, NOTE_SHOWN)
        body.append(text(texts.NOTE_LINE.format(note=shown), subtle=True, spacing="Medium"))
    body += [
        *button_row(answers[:2]),  # two rows of two: 'Weet ik niet' stays readable on a phone
        *button_row(answers[2:]),
        *button_row(steering),
        subtle(texts.STEP_TYPING_HINT),
    ]
    return card(body)


def intake_resume_card(theme: Theme, index: int, total: int) -> Card:
    """An unfinished intake: continue where it was, or throw it away and start again."""
    question = texts.RESUME_QUESTION.format(theme=theme.title, index=index, total=total)
    buttons = [
        submit(texts.RESUME_BUTTON, {"action": "dialog_continue"}, style="positive"),
        submit(texts.DISCARD_BUTTON, {"action": "dialog_stop"}),
    ]
    return card([text(question), *button_row(buttons)])


# --- the summary --------------------------------------------------------------------------


def intake_summary_card(
    outcome: IntakeOutcome,
    content: Content,
    intake_id: int | None,
    partnership_name: str | None = None,
    partnership_id: int | None = None,
) -> Card:
    """Answered, open points with why, each expert team once, themes to look at next."""
    notes = _notes(outcome)
    body: list[Element] = [
        title(_summary_heading(outcome, content, partnership_name)),
        text(_answered_line(outcome)),
        heading(texts.OPEN_POINTS_HEADING, separator=True),
    ]
    if outcome.open_points:
        body += [
            _open_point(point, notes.get(point.item_id), content) for point in outcome.open_points
        ]
    else:
        body.append(text(_no_open_points(outcome)))
    experts = _experts(outcome, content)
    if experts:
        body.append(heading(texts.SUMMARY_TEAMS_HEADING, separator=True))
        body += [
            expert_block(expert, content, separator=index > 0)
            for index, expert in enumerate(experts)
        ]
    next_themes = _next_themes(outcome, content)
    if next_themes:
        body += [
            heading(texts.NEXT_THEMES_HEADING, separator=True),
            *button_list(intake_button(theme, partnership_id) for theme in next_themes),
        ]
    if intake_id is not None:
        markdown = submit(texts.MARKDOWN_BUTTON, {"action": "intake_markdown", "intake": intake_id})
        body += [_spaced(button_row([markdown]))]
    return card(body, full=True)


def _spaced(action_sets: list[Element]) -> Element:
    return container(action_sets, spacing="Large")


def _open_point(point: OpenPoint, note: str | None, content: Content) -> Element:
    items = [
        text(_question(point.item_id, content), bold=True),
        subtle(texts.YOUR_ANSWER.format(answer=texts.ANSWER_LABELS[point.answer])),
        text(point.why, spacing="Small"),
    ]
    if note:
        items.append(subtle(texts.NOTE_LINE.format(note=shorten(note, NOTE_SHOWN))))
    teams = _team_names(point.experts, content)
    if teams:
        items.append(subtle(texts.INVOLVE_LINE.format(teams=", ".join(teams))))
    return container(items, spacing="Medium")


def intake_summary_markdown(
    outcome: IntakeOutcome,
    content: Content,
    partnership_name: str | None,
    completed_at: datetime,
) -> str:
    """The summary as a Markdown document, to store and to send as text."""
    notes = _notes(outcome)
    lines = [f"# {_summary_heading(outcome, content, None)}", ""]
    if partnership_name:
        lines += [texts.MD_PARTNERSHIP.format(partnership=_md(partnership_name)), ""]
    lines += [
        texts.MD_DATE.format(date=texts.dutch_date(completed_at.date())),
        "",
        f"{_answered_line(outcome)}.",
        "",
        f"## {texts.MD_ANSWERS}",
        "",
    ]
    for number, given in enumerate(outcome.answers, 1):
        lines += _md_answer(number, given, content)
    lines += ["", f"## {texts.OPEN_POINTS_HEADING}", ""]
    if not outcome.open_points:
        lines.append(_no_open_points(outcome))
    for point in outcome.open_points:
        lines += _md_open_point(point, notes.get(point.item_id), content)
    experts = _experts(outcome, content)
    if experts:
        lines += ["", f"## {texts.MD_TEAMS}"]
        for expert in experts:
            lines += ["", f"### {expert.name}", "", one_line(expert.helps_with), ""]
            lines += [f"- {line}" for line in _contact_lines(expert, content)]
    next_themes = _next_themes(outcome, content)
    if next_themes:
        lines += ["", f"## {texts.NEXT_THEMES_HEADING}", ""]
        lines += [f"- {theme.title}" for theme in next_themes]
    return "\n".join(lines) + "\n"


def _md_answer(number: int, given: ItemAnswer, content: Content) -> list[str]:
    answer = texts.ANSWER_LABELS[given.answer] if given.answer else texts.MD_SKIPPED
    lines = [
        f"{number}. {_question(given.item_id, content)}",
        f"   - {texts.MD_ANSWER.format(answer=answer)}",
    ]
    if given.note:
        lines.append(f"   - {texts.NOTE_LINE.format(note=_md(given.note))}")
    return lines


def _md_open_point(point: OpenPoint, note: str | None, content: Content) -> list[str]:
    lines = [
        f"### {_question(point.item_id, content)}",
        "",
        f"- {texts.YOUR_ANSWER.format(answer=texts.ANSWER_LABELS[point.answer])}",
        f"- {texts.MD_WHY.format(why=' '.join(point.why.split()))}",
    ]
    if note:
        lines.append(f"- {texts.NOTE_LINE.format(note=_md(note))}")
    teams = _team_names(point.experts, content)
    if teams:
        lines.append(f"- {texts.INVOLVE_LINE.format(teams=', '.join(teams))}")
    return [*lines, ""]


def _contact_lines(expert: Expert, content: Content) -> list[str]:
    """The contact block of common.contact_elements as plain lines."""
    contact = expert.contact
    if contact.placeholder:
        return [as_sentence(content.messages.expert_contact_placeholder)]
    lines = []
    if contact.team and contact.team != expert.name:
        lines.append(texts.TEAM_LINE.format(team=contact.team))
    if contact.email:
        lines.append(texts.MD_EMAIL.format(email=contact.email))
    if contact.phone:
        lines.append(texts.PHONE_LINE.format(phone=contact.phone))
    if contact.url:
        lines.append(texts.MD_WEBSITE.format(url=contact.url))
    return lines


def _md(value: str) -> str:
    """User text on one line, with Markdown's special characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(value.split()))


# --- what the summary card and the Markdown share ---------------------------------------------


def _summary_heading(outcome: IntakeOutcome, content: Content, partnership: str | None) -> str:
    theme = theme_by_key(content, outcome.theme)
    heading_ = texts.SUMMARY_HEADING.format(theme=theme.title if theme else outcome.theme)
    if partnership:
        heading_ += texts.SUMMARY_FOR.format(partnership=partnership)
    return heading_


def _answered_line(outcome: IntakeOutcome) -> str:
    line = texts.ANSWERED_LINE.format(answered=outcome.answered, total=len(outcome.answers))
    if outcome.skipped:
        line += texts.SKIPPED_PART.format(skipped=outcome.skipped)
    return line


def _no_open_points(outcome: IntakeOutcome) -> str:
    """'Mooi zo' only when every question was answered; otherwise how many are still open."""
    if not outcome.skipped:
        return texts.NO_OPEN_POINTS
    return texts.still_open_text(outcome.skipped)


def _notes(outcome: IntakeOutcome) -> dict[str, str]:
    return {given.item_id: given.note for given in outcome.answers if given.note}


def _question(item_id: str, content: Content) -> str:
    item = content.items.get(item_id)
    return item.question if item else item_id


def _experts(outcome: IntakeOutcome, content: Content) -> list[Expert]:
    """The teams to contact, each once: the outcome's order, then any an open point adds."""
    codes = [*outcome.experts, *(code for point in outcome.open_points for code in point.experts)]
    return [content.experts[code] for code in dict.fromkeys(codes) if code in content.experts]


def _team_names(codes: Iterable[str], content: Content) -> list[str]:
    return [content.experts[code].name for code in dict.fromkeys(codes) if code in content.experts]


def _next_themes(outcome: IntakeOutcome, content: Content) -> list[Theme]:
    themes = (theme_by_key(content, key) for key in dict.fromkeys(outcome.next_themes))
    return [theme for theme in themes if theme is not None and theme.key != outcome.theme]
