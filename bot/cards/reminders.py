"""Cards of evaluation moments: the reminder to the account holder, starting an evaluation,
the evaluation part of a partnership card, and the weekly digest for the team channel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from bot.cards import texts, ticket_texts
from bot.cards.common import (
    Action,
    Card,
    Element,
    action_set,
    bullets,
    button_list,
    button_row,
    card,
    heading,
    one_line,
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
from bot.cards.register import handover_inputs
from bot.domain.content import Content
from bot.domain.models import Framework, RegisterFile, Theme
from bot.domain.register import Partnership, Recommendation
from bot.domain.schedule import EvaluationEvent

DIGEST_DAYS = 60
MAX_DIGEST_BUTTONS = 6
MAX_EVALUATION_INTAKES = 4
MAX_COMPLETED_SHOWN = 3
COMPLETED_NOTE_LIMIT = 80
FRAMEWORK_LINE_LIMIT = 200  # the summary's first sentence


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
    partnership_id = _id(p)
    moment: dict[str, int | str] = {"id": partnership_id, "due": due.isoformat()}
    body: list[Element] = [
        title(texts.reminder_heading(p.name, lead_days)),
        text(_moment(p, due, register), bold=True, spacing="Small"),
        heading(texts.EXPECTED_HEADING),
        text(texts.EXPECTED_LINE),
    ]
    themes = _themes(content, recommendation)
    if themes:
        names = texts.dutch_list([theme.title for theme in themes])
        body.append(text(texts.EXPECTED_THEMES.format(themes=names)))
    framework = _framework(content)
    if framework:
        summary = one_line(framework.summary, FRAMEWORK_LINE_LIMIT)
        body.append(text(texts.EXPECTED_FRAMEWORK.format(summary=summary), spacing="Small"))
    body += [
        *button_row(
            [
                submit(
                    texts.START_EVALUATION_BUTTON,
                    {"action": "evaluation_start", "id": partnership_id},
                    style="positive",
                ),
                _done_action(moment),
                _postpone_action(moment),
            ]
        ),
        *button_row(_open_actions(partnership_id, calendar_url)),
        action_set([_no_more_reminders_action(partnership_id)], spacing="Medium"),
    ]
    return card(body)


def _done_action(moment: dict[str, int | str]) -> Action:
    return show_card(
        texts.DONE_BUTTON,
        [
            text(texts.DONE_INTRO),
            text_input("note", texts.DONE_NOTE_LABEL, multiline=True),
            *button_row(
                [
                    submit(
                        texts.DONE_SUBMIT, {"action": "evaluation_done", **moment}, style="positive"
                    )
                ]
            ),
        ],
    )


def _postpone_action(moment: dict[str, int | str]) -> Action:
    new_date = date_input("new_date", texts.NEW_DATE_LABEL)
    new_date |= {"isRequired": True, "errorMessage": texts.NEW_DATE_REQUIRED}
    return show_card(
        texts.POSTPONE_BUTTON,
        [
            new_date,
            text_input("reason", texts.REASON_LABEL),
            *button_row(
                [submit(texts.POSTPONE_SUBMIT, {"action": "evaluation_postpone", **moment})]
            ),
        ],
    )


def _open_actions(partnership_id: int, calendar_url: str | None) -> list[Action]:
    actions = [
        submit(texts.OPEN_PARTNERSHIP_BUTTON, {"action": "partnership_open", "id": partnership_id})
    ]
    if calendar_url:
        actions.append(open_url(texts.CALENDAR_BUTTON, calendar_url))
    return actions


def _no_more_reminders_action(partnership_id: int) -> Action:
    """Switch reminders off, or hand the partnership over to whoever should get them."""
    return show_card(
        texts.NO_MORE_REMINDERS,
        [
            text(texts.NO_MORE_REMINDERS_INTRO),
            *button_row([_reminders_action(partnership_id, on=False)]),
            *handover_inputs(partnership_id),
        ],
    )


def _reminders_action(partnership_id: int, *, on: bool) -> Action:
    if on:
        return submit(texts.REMINDERS_ON_BUTTON, {"action": "reminders_on", "id": partnership_id})
    return submit(texts.REMINDERS_OFF_BUTTON, {"action": "reminders_off", "id": partnership_id})


# --- starting an evaluation -----------------------------------------------------------------


def evaluation_start_card(p: Partnership, content: Content, recommendation: Recommendation) -> Card:
    """'Start evaluatie': the appraisal framework in short, and intakes for the themes."""
    partnership_id = _id(p)
    body: list[Element] = [
        title(texts.EVALUATION_HEADING.format(name=p.name)),
        text(texts.EVALUATION_INTRO),
    ]
    framework = _framework(content)
    if framework:
        body += [
            heading(texts.FRAMEWORK_HEADING, separator=True),
            text(framework.summary),
            *button_list([show_action(texts.FRAMEWORK_BUTTON, framework.id)]),
        ]
    themes = _themes(content, recommendation)[:MAX_EVALUATION_INTAKES]
    if themes:
        body += [
            heading(texts.EVALUATION_THEMES_HEADING, separator=True),
            text(texts.EVALUATION_THEMES_INTRO),
            *button_list(intake_button(theme, partnership_id) for theme in themes),
        ]
    return card(body)


# --- on the partnership card ----------------------------------------------------------------


def evaluation_section(
    p: Partnership,
    register: RegisterFile,
    events: list[EvaluationEvent],
    reachable: bool,
    calendar_url: str | None,
) -> list[Element]:
    """The evaluation part of a partnership card: next moment, reach, history, reminders.

    `reachable`: the bot can message the account holder (they have installed it).
    """
    partnership_id = _id(p)
    body: list[Element] = [heading(texts.EVALUATION_SECTION_HEADING, separator=True)]
    if p.next_evaluation:
        moment = _moment(p, p.next_evaluation, register)
        body.append(text(texts.NEXT_MOMENT_LINE.format(moment=moment)))
    else:
        body.append(text(texts.NO_NEXT_MOMENT))
    if not p.archived and not reachable:
        body.append(_warning(texts.NO_REACH.format(name=p.account_holder.name)))
    if not p.archived and not p.reminders:
        body.append(subtle(texts.REMINDERS_ARE_OFF))
    body += [
        text(texts.COMPLETED_HEADING, bold=True, spacing="Medium"),
        _completed(partnership_id, events),
    ]
    buttons: list[Action] = []
    if not p.archived:
        buttons.append(_reminders_action(partnership_id, on=not p.reminders))
    if calendar_url:
        buttons.append(open_url(texts.CALENDAR_BUTTON, calendar_url))
    return body + button_row(buttons)


def _completed(partnership_id: int, events: Iterable[EvaluationEvent]) -> Element:
    """The last completed moments, newest first, with the note when there is one."""
    done = [e for e in events if e.kind == "completed" and e.partnership_id == partnership_id]
    done.sort(key=_due, reverse=True)
    if not done:
        return text(texts.NO_COMPLETED)
    lines = [
        texts.COMPLETED_NOTE.format(
            date=texts.dutch_date(event.due), note=shorten(event.reason, COMPLETED_NOTE_LIMIT)
        )
        if event.reason
        else texts.dutch_date(event.due)
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
    register: RegisterFile,
    open_tickets: dict[str, int] | None = None,
) -> Card:
    """The week's overview for the team channel: overdue moments, those in the next 60 days
    ('geen bereik' when the account holder cannot be reached, the bool), and reminders that
    did not arrive (partnership, moment)."""
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
        title(texts.DIGEST_HEADING.format(week=today.isocalendar().week)),
        heading(texts.DIGEST_OVERDUE),
        _digest_lines(overdue, register, texts.DIGEST_NONE_OVERDUE),
        heading(texts.DIGEST_UPCOMING.format(days=DIGEST_DAYS)),
        _digest_lines(coming, register, texts.DIGEST_NONE_UPCOMING.format(days=DIGEST_DAYS)),
    ]
    if undelivered:
        lines = [
            texts.DIGEST_UNDELIVERED_LINE.format(
                name=p.name, date=texts.dutch_date(due), holder=p.account_holder.name
            )
            for p, due in sorted(undelivered, key=lambda entry: (entry[1], entry[0].name))
        ]
        body += [heading(texts.DIGEST_UNDELIVERED), bullets(lines)]
    if open_tickets is not None:  # questions to expert teams still open, per team
        body.append(heading(ticket_texts.DIGEST_TICKETS))
        counts = [ticket_texts.digest_ticket_line(team, n) for team, n in open_tickets.items()]
        body.append(bullets(counts) if counts else text(ticket_texts.DIGEST_NO_TICKETS))
    opens = [
        submit(p.name, {"action": "partnership_open", "id": _id(p)})
        for _, p, _ in (overdue + coming)[:MAX_DIGEST_BUTTONS]
    ]
    if opens:
        body.append(action_set([show_card(texts.DIGEST_OPEN, button_list(opens))]))
    return card(body)


def _digest_lines(
    entries: list[tuple[date, Partnership, bool]], register: RegisterFile, empty: str
) -> Element:
    if not entries:
        return text(empty)
    lines = []
    for due, p, reachable in entries:
        line = texts.DIGEST_LINE.format(
            name=p.name,
            kind=_kind(p, register),
            date=texts.dutch_date(due),
            holder=p.account_holder.name,
        )
        lines.append(line if reachable else line + texts.DIGEST_NO_REACH)
    return bullets(lines)


# --- shared ---------------------------------------------------------------------------------


def _id(p: Partnership) -> int:
    if p.id is None:
        raise ValueError(f"partnership '{p.name}' is not stored yet")
    return p.id


def _kind(p: Partnership, register: RegisterFile) -> str:
    """The Dutch label of the partnership's kind of evaluation; the key when it is unknown."""
    return register.evaluation_kind_labels.get(p.evaluation_kind, p.evaluation_kind)


def _moment(p: Partnership, due: date, register: RegisterFile) -> str:
    """'Jaarlijkse lichte evaluatie op 23 november 2027'."""
    return texts.MOMENT_LINE.format(kind=_kind(p, register), date=texts.dutch_date(due))


def _themes(content: Content, recommendation: Recommendation) -> list[Theme]:
    keys = dict.fromkeys(recommendation.themes)
    return [theme for key in keys if (theme := theme_by_key(content, key)) is not None]


def _framework(content: Content) -> Framework | None:
    return next((f for f in content.frameworks if f.id == texts.FRAMEWORK_ID), None)
