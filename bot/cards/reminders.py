"""Cards of evaluation moments: the reminder to the account holder, starting an evaluation,
the evaluation part of a partnership card, and the weekly digest for the team channel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from bot.cards.actions import Action as Do
from bot.cards.actions import data
from bot.cards.common import (
    Action,
    Card,
    Element,
    action_set,
    bullets,
    button_list,
    button_row,
    card,
    first_sentence,
    heading,
    numbered,
    open_url,
    shorten,
    show_action,
    show_card,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.inputs import date_input, text_input
from bot.cards.intake import intake_button, theme_by_key
from bot.cards.labels import label
from bot.cards.register import handover_inputs
from bot.cards.tickets import ticket_digest_lines
from bot.domain.content import Content
from bot.domain.messages import Messages
from bot.domain.models import Framework, RegisterFile, Theme
from bot.domain.register import Partnership, Recommendation
from bot.domain.schedule import EvaluationEvent

DIGEST_DAYS = 60
MAX_DIGEST_BUTTONS = 6
MAX_EVALUATION_INTAKES = 4
MAX_COMPLETED_SHOWN = 3
COMPLETED_NOTE_LIMIT = 80
FRAMEWORK_ID = "waarderingskader"


# --- the reminder ---------------------------------------------------------------------------


def reminder_card(
    p: Partnership,
    due: date,
    lead_days: int,
    register: RegisterFile,
    content: Content,
    recommendation: Recommendation,
    calendar_url: str | None,
) -> Card:
    """The personal reminder of the moment `due`, `lead_days` ahead (0: today, below 0: late).

    The heading says 'Over {lead_days} dagen', so for a reminder sent late pass the days
    actually left rather than the planned lead.

    What is expected: a conversation, the recommended themes and the appraisal framework.
    Start, complete (with a note) or postpone (new date, reason) right from the card.
    """
    messages = content.messages
    partnership_id = _id(p)
    moment = (partnership_id, due.isoformat())
    body: list[Element] = [
        title(reminder_heading(messages, p.name, lead_days)),
        text(_moment(p, due, content), bold=True, spacing="Small"),
        heading(messages.say("expected_heading")),
        text(messages.say("expected_line")),
    ]
    themes = _themes(content, recommendation)
    if themes:
        names = messages.listing([theme.title for theme in themes])
        body.append(text(messages.say("expected_themes", themes=names)))
    framework = _framework(content)
    if framework:
        summary = first_sentence(framework.summary)[0]
        body.append(text(messages.say("expected_framework", summary=summary), spacing="Small"))
    start = submit(
        label(messages, "start_evaluation"),
        data(Do.EVALUATION_START, id=partnership_id),
        style="positive",
    )
    body += [
        *button_row([start, _done_action(messages, moment), _postpone_action(messages, moment)]),
        *button_row(_open_actions(messages, partnership_id, calendar_url)),
        action_set([_no_more_reminders_action(messages, partnership_id)], spacing="Medium"),
    ]
    return card(body)


def reminder_heading(messages: Messages, name: str, days: int) -> str:
    """'Over 7 dagen: evaluatie van X'; 1 is 'Morgen', 0 'Vandaag', below 0 'Nog niet gedaan'."""
    if days < 0:
        return messages.say("reminder_late", name=name)
    if days == 0:
        return messages.say("reminder_today", name=name)
    if days == 1:
        return messages.say("reminder_tomorrow", name=name)
    return messages.say("reminder_in_days", days=days, name=name)


def _done_action(messages: Messages, moment: tuple[int, str]) -> Action:
    partnership_id, due = moment
    done = submit(
        label(messages, "evaluation_done_submit"),
        data(Do.EVALUATION_DONE, id=partnership_id, due=due),
        style="positive",
    )
    return show_card(
        label(messages, "evaluation_done"),
        [
            text(messages.say("done_intro")),
            text_input("note", messages.say("done_note_input"), multiline=True),
            *button_row([done]),
        ],
    )


def _postpone_action(messages: Messages, moment: tuple[int, str]) -> Action:
    partnership_id, due = moment
    new_date = date_input("new_date", messages.say("new_date_input"))
    new_date |= {"isRequired": True, "errorMessage": messages.say("new_date_required")}
    postpone = submit(
        label(messages, "postpone_submit"),
        data(Do.EVALUATION_POSTPONE, id=partnership_id, due=due),
    )
    return show_card(
        label(messages, "postpone"),
        [new_date, text_input("reason", messages.say("reason_input")), *button_row([postpone])],
    )


def _open_actions(
    messages: Messages, partnership_id: int, calendar_url: str | None
) -> list[Action]:
    actions = [
        submit(label(messages, "open_partnership"), data(Do.PARTNERSHIP_OPEN, id=partnership_id))
    ]
    if calendar_url:
        actions.append(open_url(label(messages, "calendar"), calendar_url))
    return actions


def _no_more_reminders_action(messages: Messages, partnership_id: int) -> Action:
    """Switch reminders off, or hand the partnership over to whoever should get them."""
    return show_card(
        label(messages, "no_more_reminders"),
        [
            text(messages.say("no_more_reminders_intro")),
            *button_row([_reminders_action(messages, partnership_id, on=False)]),
            *handover_inputs(messages, partnership_id),
        ],
    )


def _reminders_action(messages: Messages, partnership_id: int, *, on: bool) -> Action:
    if on:
        return submit(label(messages, "reminders_on"), data(Do.REMINDERS_ON, id=partnership_id))
    return submit(label(messages, "reminders_off"), data(Do.REMINDERS_OFF, id=partnership_id))


# --- starting an evaluation -----------------------------------------------------------------


def evaluation_start_card(p: Partnership, content: Content, recommendation: Recommendation) -> Card:
    """'Start evaluatie': the appraisal framework in short, and intakes for the themes."""
    messages = content.messages
    partnership_id = _id(p)
    body: list[Element] = [
        title(messages.say("evaluation_heading", name=p.name)),
        text(messages.say("evaluation_intro")),
    ]
    framework = _framework(content)
    if framework:
        body += [
            heading(messages.say("framework_heading"), separator=True),
            text(framework.summary),
            *button_list([show_action(label(messages, "framework"), framework.id)]),
        ]
    themes = _themes(content, recommendation)[:MAX_EVALUATION_INTAKES]
    if themes:
        body += [
            heading(messages.say("evaluation_themes_heading"), separator=True),
            text(messages.say("evaluation_themes_intro")),
            *button_list(intake_button(messages, theme, partnership_id) for theme in themes),
        ]
    return card(body)


# --- on the partnership card ----------------------------------------------------------------


def evaluation_section(
    p: Partnership,
    content: Content,
    events: list[EvaluationEvent],
    reachable: bool,
    calendar_url: str | None,
) -> list[Element]:
    """The evaluation part of a partnership card: next moment, reach, history, reminders.

    `reachable`: the bot can message the account holder (they have installed it).
    """
    messages = content.messages
    partnership_id = _id(p)
    body: list[Element] = [heading(messages.say("evaluation_section_heading"), separator=True)]
    if p.next_evaluation:
        moment = _moment(p, p.next_evaluation, content)
        body.append(text(messages.say("next_moment_line", moment=moment)))
    else:
        body.append(text(messages.say("no_next_moment")))
    if not p.archived and not reachable:
        body.append(_warning(messages.say("no_reach", name=p.account_holder.name)))
    if not p.archived and not p.reminders:
        body.append(subtle(messages.say("reminders_are_off")))
    body += [
        text(messages.say("completed_heading"), bold=True, spacing="Medium"),
        _completed(messages, partnership_id, events),
    ]
    buttons: list[Action] = []
    if not p.archived:
        buttons.append(_reminders_action(messages, partnership_id, on=not p.reminders))
    if calendar_url:
        buttons.append(open_url(label(messages, "calendar"), calendar_url))
    return body + button_row(buttons)


def _completed(
    messages: Messages, partnership_id: int, events: Iterable[EvaluationEvent]
) -> Element:
    """The last completed moments, newest first, with the note when there is one."""
    done = [e for e in events if e.kind == "completed" and e.partnership_id == partnership_id]
    done.sort(key=_due, reverse=True)
    if not done:
        return text(messages.say("no_completed"))
    lines = [
        messages.say(
            "completed_note",
            date=messages.date(event.due),
            note=shorten(event.reason, COMPLETED_NOTE_LIMIT),
        )
        if event.reason
        else messages.date(event.due)
        for event in done[:MAX_COMPLETED_SHOWN]
    ]
    return bullets(lines)


def _due(event: EvaluationEvent) -> date:
    return event.due


def _warning(value: str) -> Element:
    return text(value) | {"color": "Attention"}


# --- the weekly digest ----------------------------------------------------------------------


def digest_card(
    upcoming: list[tuple[Partnership, bool]],
    undelivered: list[tuple[Partnership, date]],
    today: date,
    content: Content,
    open_tickets: dict[str, int] | None = None,
) -> Card:
    """The week's overview for the team channel: overdue moments, those in the next 60 days
    ('geen bereik' when the account holder cannot be reached, the bool), and reminders that
    did not arrive (partnership, moment)."""
    messages = content.messages
    horizon = today + timedelta(days=DIGEST_DAYS)
    listed = [
        (due, p, reachable)
        for p, reachable in upcoming
        if not p.archived and (due := p.next_evaluation) is not None and due <= horizon
    ]
    listed.sort(key=lambda entry: (entry[0], entry[1].name))
    overdue = [entry for entry in listed if entry[0] < today]
    coming = [entry for entry in listed if entry[0] >= today]
    body: list[Element] = [
        title(messages.say("digest_heading", week=today.isocalendar().week)),
        heading(messages.say("digest_overdue")),
        _digest_lines(overdue, content, messages.say("digest_none_overdue")),
        heading(messages.say("digest_upcoming", days=DIGEST_DAYS)),
        _digest_lines(coming, content, messages.say("digest_none_upcoming", days=DIGEST_DAYS)),
    ]
    if undelivered:
        lines = [
            messages.say(
                "digest_undelivered_line",
                name=p.name,
                date=messages.date(due),
                holder=p.account_holder.name,
            )
            for p, due in sorted(undelivered, key=lambda entry: (entry[1], entry[0].name))
        ]
        body += [heading(messages.say("digest_undelivered")), bullets(lines)]
    if open_tickets is not None:  # questions to expert teams still open, per team
        body += ticket_digest_lines(messages, open_tickets)
    opens = [
        (p.name, data(Do.PARTNERSHIP_OPEN, id=_id(p)))
        for _, p, _ in (overdue + coming)[:MAX_DIGEST_BUTTONS]
    ]
    if opens:
        listing = numbered(messages, opens, "partnership_number")
        body.append(action_set([show_card(label(messages, "digest_open"), listing)]))
    return card(body)


def _digest_lines(
    entries: list[tuple[date, Partnership, bool]], content: Content, empty: str
) -> Element:
    messages = content.messages
    if not entries:
        return text(empty)
    levels = {level.key: level.label for level in content.register.importance_levels}
    lines = []
    for due, p, reachable in entries:
        line = messages.say(
            "digest_line" if reachable else "digest_line_no_reach",
            name=p.name,
            kind=_kind(p, content.register),
            date=messages.date(due),
            holder=p.account_holder.name,
        )
        importance = levels.get(p.importance or "")
        if importance:
            line = messages.say("digest_importance_line", line=line, importance=importance)
        lines.append(line)
    return bullets(lines)


# --- shared ---------------------------------------------------------------------------------


def _id(p: Partnership) -> int:
    if p.id is None:
        raise ValueError(f"partnership '{p.name}' is not stored yet")
    return p.id


def _kind(p: Partnership, register: RegisterFile) -> str:
    """The Dutch label of the partnership's kind of evaluation; the key when it is unknown."""
    return register.evaluation_kind_labels.get(p.evaluation_kind, p.evaluation_kind)


def _moment(p: Partnership, due: date, content: Content) -> str:
    """'Jaarlijkse lichte evaluatie op 23 november 2027'."""
    messages = content.messages
    return messages.say("moment_line", kind=_kind(p, content.register), date=messages.date(due))


def _themes(content: Content, recommendation: Recommendation) -> list[Theme]:
    keys = dict.fromkeys(recommendation.themes)
    return [theme for key in keys if (theme := theme_by_key(content, key)) is not None]


def _framework(content: Content) -> Framework | None:
    return next((f for f in content.frameworks if f.id == FRAMEWORK_ID), None)
