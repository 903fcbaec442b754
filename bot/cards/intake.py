"""Cards of a theme intake: how to start it, the form, the step-by-step prompt, the summary.

Also the input elements (Input.Text, Input.ChoiceSet, Input.Date) the register's cards use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime
from itertools import groupby

from bot.cards.actions import Action as Do
from bot.cards.actions import data
from bot.cards.common import (
    Action,
    Card,
    Element,
    as_sentence,
    button_list,
    button_row,
    card,
    command,
    expert_block,
    heading,
    placeholder_note,
    shorten,
    submit,
    subtle,
    text,
    title,
    with_more,
)
from bot.cards.inputs import choice_set, container, text_input
from bot.cards.labels import LABEL_LIMIT, fits, label
from bot.domain.content import Content
from bot.domain.intake import ANSWERS, IntakeOutcome, ItemAnswer, OpenPoint
from bot.domain.messages import Messages
from bot.domain.models import ChecklistItem, Expert, Theme

SECONDS_PER_QUESTION = 25
MIN_MINUTES = 5
NOTE_MAX_LENGTH = 500
NOTE_SHOWN = 300  # a note typed in the chat can be long; the Markdown keeps all of it

# --- starting an intake -------------------------------------------------------------------


ANSWER_KEYS = {
    "ja": "answer_ja",
    "nee": "answer_nee",
    "weet_niet": "answer_weet_niet",
    "nvt": "answer_nvt",
}
# Step by step: what an answer button does, as typed, and the key of its label.
STEP_ANSWER_KEYS = {
    "ja": "answer_ja",
    "nee": "answer_nee",
    "weet niet": "answer_weet_niet",
    "nvt": "answer_nvt",
}


def answer_label(messages: Messages, code: str) -> str:
    """'weet_niet' -> 'Weet ik niet'."""
    return messages.say(ANSWER_KEYS[code])


def intake_start_action(
    title_: str, theme_key: str, mode: str, partnership_id: int | None = None
) -> Action:
    return submit(
        title_, data(Do.INTAKE_START, theme=theme_key, mode=mode, partnership=partnership_id)
    )


def short_title(theme: Theme, room: int = LABEL_LIMIT) -> str:
    """The theme's title, or its first word when the title does not fit on a button."""
    return theme.title if len(theme.title) <= room else theme.title.split()[0]


def intake_title(messages: Messages, theme: Theme) -> str:
    """'Intake Juridisch'; a long theme title gives way to its first word."""
    full = label(messages, "intake_theme", theme=theme.title)
    if fits(full):
        return full
    return label(messages, "intake_theme", theme=short_title(theme, 0))


def intake_button(messages: Messages, theme: Theme, partnership_id: int | None = None) -> Action:
    """'Intake Juridisch': start that theme's intake step by step."""
    return intake_start_action(intake_title(messages, theme), theme.key, "steps", partnership_id)


def theme_by_key(content: Content, key: str) -> Theme | None:
    return next((theme for theme in content.themes if theme.key == key), None)


def intake_choice_card(
    messages: Messages,
    theme: Theme,
    partnership_name: str | None = None,
    partnership_id: int | None = None,
) -> Card:
    """What an intake on this theme is, and a choice: one form, or step by step in the chat."""
    count = len(theme.items)
    minutes = max(MIN_MINUTES, math.ceil(count * SECONDS_PER_QUESTION / 60))
    body: list[Element] = [title(messages.say("intake_heading", theme=theme.title))]
    if partnership_name:
        body.append(subtle(messages.say("intake_for", partnership=partnership_name)))
    body += [
        text(messages.count("intake_what", count, minutes=minutes), spacing="Medium"),
        text(messages.say("intake_after")),
        text(messages.say("intake_how"), bold=True, spacing="Medium"),
        *button_list(
            [
                intake_start_action(label(messages, "form"), theme.key, "form", partnership_id),
                intake_start_action(label(messages, "steps"), theme.key, "steps", partnership_id),
            ]
        ),
    ]
    return card(body)


# --- the form -----------------------------------------------------------------------------


def intake_form_card(theme: Theme, content: Content) -> Card:
    """Every checklist question of the theme in one form, under the guide's parts."""
    messages = content.messages
    body: list[Element] = [
        title(messages.say("intake_heading", theme=theme.title)),
        text(messages.say("intake_form_intro")),
    ]
    numbered = enumerate(theme.items, 1)
    for part, group in groupby(numbered, key=lambda pair: pair[1].part):
        if part:
            body.append(heading(part, separator=True))
        body += [_form_question(messages, number, item) for number, item in group]
    send = submit(label(messages, "send"), data(Do.INTAKE_FORM, theme=theme.key), style="positive")
    return card(body, [send], full=True)


def _form_question(messages: Messages, number: int, item: ChecklistItem) -> Element:
    answers = [(answer_label(messages, code), code) for code in ANSWERS]
    return container(
        [
            text(messages.say("numbered_line", number=number, text=item.question), bold=True),
            *with_more(messages, item.explanation, f"more__{item.id}", subtle_=True),
            choice_set(
                f"answer__{item.id}", messages.say("intake_answer_input"), answers, expanded=True
            ),
            text_input(
                f"note__{item.id}",
                messages.say("intake_note_input"),
                placeholder=messages.say("intake_note_placeholder"),
                max_length=NOTE_MAX_LENGTH,
            ),
        ],
        spacing="Large",
    )


# --- step by step -------------------------------------------------------------------------


def intake_question_card(
    messages: Messages,
    theme: Theme,
    item: ChecklistItem,
    index: int,
    total: int,
    note: str | None = None,
) -> Card:
    """One question in the chat: answer buttons that do what typing the answer does, then
    skip/back/stop. `index` counts from 1; the first question has no 'Terug'."""
    answers = [
        command(label(messages, STEP_ANSWER_KEYS[typed]), typed) for typed in STEP_ANSWER_KEYS
    ]
    steering = [
        command(label(messages, "skip"), "overslaan"),
        command(label(messages, "stop"), "stop"),
    ]
    if index > 1:
        steering.insert(1, command(label(messages, "back"), "terug"))
    position = messages.say("question_of_theme", index=index, total=total, theme=theme.title)
    body: list[Element] = [
        subtle(position),
        heading(item.question),
        text(item.explanation, spacing="Small"),
    ]
    if note:
        shown = shorten(note, NOTE_SHOWN)
        body.append(text(messages.say("note_line", note=shown), subtle=True, spacing="Medium"))
    body += [
        *button_row(answers[:2]),  # two rows of two: 'Weet ik niet' stays readable on a phone
        *button_row(answers[2:]),
        *button_row(steering),
        subtle(messages.say("step_typing_hint")),
    ]
    return card(body)


def intake_resume_card(messages: Messages, theme: Theme, index: int, total: int) -> Card:
    """An unfinished intake: finish it first, or stop it (its answers are not kept)."""
    question = messages.say("intake_resume", theme=theme.title, index=index, total=total)
    buttons = [
        submit(label(messages, "intake_finish"), data(Do.DIALOG_CONTINUE), style="positive"),
        submit(label(messages, "intake_stop"), data(Do.DIALOG_STOP)),
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
    messages = content.messages
    notes = _notes(outcome)
    body: list[Element] = [
        title(_summary_heading(outcome, content, partnership_name)),
        text(_answered_line(outcome, messages)),
        heading(messages.say("summary_open_points"), separator=True),
    ]
    if outcome.open_points:
        body += [
            _open_point(point, notes.get(point.item_id), content) for point in outcome.open_points
        ]
    else:
        body.append(text(_no_open_points(outcome, messages)))
    experts = _experts(outcome, content)
    if experts:
        body.append(heading(messages.say("summary_teams"), separator=True))
        body += [
            expert_block(expert, content, separator=index > 0)
            for index, expert in enumerate(experts)
        ]
        body += placeholder_note(experts, content)
    next_themes = _next_themes(outcome, content)
    if next_themes:
        body += [
            heading(messages.say("summary_next_themes"), separator=True),
            *button_list(intake_button(messages, theme, partnership_id) for theme in next_themes),
        ]
    if intake_id is not None:
        markdown = submit(label(messages, "markdown"), data(Do.INTAKE_MARKDOWN, intake=intake_id))
        body += [_spaced(button_row([markdown]))]
    return card(body, full=True)


def _spaced(action_sets: list[Element]) -> Element:
    return container(action_sets, spacing="Large")


def _open_point(point: OpenPoint, note: str | None, content: Content) -> Element:
    messages = content.messages
    answer = answer_label(messages, point.answer)
    items = [
        text(_question(point.item_id, content), bold=True),
        subtle(messages.say("summary_your_answer", answer=answer)),
        text(point.why, spacing="Small"),
    ]
    if note:
        items.append(subtle(messages.say("note_line", note=shorten(note, NOTE_SHOWN))))
    teams = _team_names(point.experts, content)
    if teams:
        items.append(subtle(messages.say("summary_involve", teams=", ".join(teams))))
    return container(items, spacing="Medium")


def intake_summary_markdown(
    outcome: IntakeOutcome,
    content: Content,
    partnership_name: str | None,
    completed_at: datetime,
) -> str:
    """The summary as a Markdown document, to store and to send as text."""
    messages = content.messages
    notes = _notes(outcome)
    lines = [f"# {_summary_heading(outcome, content, None)}", ""]
    if partnership_name:
        lines += [messages.say("md_partnership", partnership=_md(partnership_name)), ""]
    lines += [
        messages.say("md_date", date=messages.date(completed_at.date())),
        "",
        f"{_answered_line(outcome, messages)}.",
        "",
        f"## {messages.say('md_answers')}",
        "",
    ]
    for number, given in enumerate(outcome.answers, 1):
        lines += _md_answer(number, given, content)
    lines += ["", f"## {messages.say('summary_open_points')}", ""]
    if not outcome.open_points:
        lines.append(_no_open_points(outcome, messages))
    for point in outcome.open_points:
        lines += _md_open_point(point, notes.get(point.item_id), content)
    experts = _experts(outcome, content)
    if experts:
        lines += ["", f"## {messages.say('md_teams')}"]
        for expert in experts:
            lines += ["", f"### {expert.name}", "", " ".join(expert.helps_with.split()), ""]
            lines += [f"- {line}" for line in _contact_lines(expert, content)]
        if any(expert.contact.placeholder for expert in experts):
            lines += ["", as_sentence(messages.say("expert_contact_placeholder"))]
    next_themes = _next_themes(outcome, content)
    if next_themes:
        lines += ["", f"## {messages.say('summary_next_themes')}", ""]
        lines += [f"- {theme.title}" for theme in next_themes]
    return "\n".join(lines) + "\n"


def _md_answer(number: int, given: ItemAnswer, content: Content) -> list[str]:
    messages = content.messages
    answer = answer_label(messages, given.answer) if given.answer else messages.say("md_skipped")
    lines = [
        f"{number}. {_question(given.item_id, content)}",
        f"   - {messages.say('md_answer', answer=answer)}",
    ]
    if given.note:
        lines.append(f"   - {messages.say('note_line', note=_md(given.note))}")
    return lines


def _md_open_point(point: OpenPoint, note: str | None, content: Content) -> list[str]:
    messages = content.messages
    lines = [
        f"### {_question(point.item_id, content)}",
        "",
        f"- {messages.say('summary_your_answer', answer=answer_label(messages, point.answer))}",
        f"- {messages.say('md_why', why=' '.join(point.why.split()))}",
    ]
    if note:
        lines.append(f"- {messages.say('note_line', note=_md(note))}")
    teams = _team_names(point.experts, content)
    if teams:
        lines.append(f"- {messages.say('summary_involve', teams=', '.join(teams))}")
    return [*lines, ""]


def _contact_lines(expert: Expert, content: Content) -> list[str]:
    """The contact block of common.contact_elements as plain lines (none for placeholders:
    the summary says that once)."""
    contact = expert.contact
    messages = content.messages
    if contact.placeholder:
        return []
    lines = []
    if contact.team and contact.team != expert.name:
        lines.append(messages.say("team_line", team=contact.team))
    if contact.email:
        lines.append(messages.say("email_line", email=contact.email))
    if contact.phone:
        lines.append(messages.say("phone_line", phone=contact.phone))
    if contact.url:
        lines.append(messages.say("website_line", url=contact.url))
    return lines


def _md(value: str) -> str:
    """User text on one line, with Markdown's special characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(value.split()))


# --- what the summary card and the Markdown share ---------------------------------------------


def _summary_heading(outcome: IntakeOutcome, content: Content, partnership: str | None) -> str:
    theme = theme_by_key(content, outcome.theme)
    name = theme.title if theme else outcome.theme
    if partnership:
        return content.messages.say("summary_heading_for", theme=name, partnership=partnership)
    return content.messages.say("summary_heading", theme=name)


def _answered_line(outcome: IntakeOutcome, messages: Messages) -> str:
    total = len(outcome.answers)
    if outcome.skipped:
        return messages.count(
            "summary_answered_skipped", total, answered=outcome.answered, skipped=outcome.skipped
        )
    return messages.count("summary_answered", total, answered=outcome.answered)


def _no_open_points(outcome: IntakeOutcome, messages: Messages) -> str:
    """'Mooi zo' only when every question was answered; otherwise how many are still open."""
    if not outcome.skipped:
        return messages.say("summary_no_open_points")
    return messages.count("summary_still_open", outcome.skipped)


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
