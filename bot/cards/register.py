"""Cards of the partnership register: the registration form and questions, a partnership with
its recommendations and changes, and the list of one's partnerships."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from bot.cards.actions import Action as Do
from bot.cards.actions import data
from bot.cards.common import (
    Action,
    Card,
    Element,
    button_list,
    button_row,
    card,
    command,
    heading,
    numbered,
    show_action,
    show_card,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.inputs import choice_set, container, date_input, people_picker, text_input
from bot.cards.intake import intake_button, theme_by_key
from bot.cards.labels import fits, label
from bot.domain.content import Content
from bot.domain.dates import add_months
from bot.domain.intake import StoredIntake
from bot.domain.messages import Messages
from bot.domain.models import RegisterFile, Section
from bot.domain.register import Partnership, Recommendation

FIRST_EVALUATION_MONTHS = 12
MAX_RECOMMENDED_BUTTONS = 6  # intakes and principles together
MAX_INTAKE_BUTTONS = 4  # leaves room for principles
MAX_LISTED = 25
PURPOSE_MAX_LENGTH = 1000
NAME_MAX_LENGTH = 200


class _Option(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def label(self) -> str: ...


def _label(options: Sequence[_Option], key: str) -> str:
    """The Dutch label of a form, phase or cadence key; the key itself when it is unknown."""
    return next((option.label for option in options if option.key == key), key)


def _choices(options: Sequence[_Option]) -> list[tuple[str, str]]:
    return [(option.label, option.key) for option in options]


PRINCIPLES_ID = "principes"  # the framework with every principle
# Message keys per registration field: the question, its hint, its name in a sentence.
FIELD_KEYS = {
    "name": "field_name",
    "purpose": "field_purpose",
    "partners": "field_partners",
    "form": "field_form",
    "mandated": "field_mandated",
    "phase": "field_phase",
    "flags": "field_flags",
    "first_evaluation": "field_first_evaluation",
    "cadence": "field_cadence",
    "next_evaluation": "field_next_evaluation",
    "evaluation_kind": "field_evaluation_kind",
    "account_holder_id": "field_new_account_holder",
    "account_holder_name": "field_new_account_holder_name",
}
HINT_KEYS = {
    "name": "hint_name",
    "purpose": "hint_purpose",
    "partners": "hint_partners",
    "form": "hint_form",
    "mandated": "hint_mandated",
    "phase": "hint_phase",
    "flags": "hint_flags",
    "first_evaluation": "hint_first_evaluation",
    "cadence": "hint_cadence",
}
PROBLEM_KEYS = {
    "name": "problem_name",
    "purpose": "problem_purpose",
    "partners": "problem_partners",
    "form": "problem_form",
    "mandated": "problem_mandated",
    "phase": "problem_phase",
    "flags": "problem_flags",
    "first_evaluation": "problem_first_evaluation",
    "cadence": "problem_cadence",
    "next_evaluation": "problem_next_evaluation",
}
RETRY_KEYS = {
    "name": "retry_name",
    "mandated": "retry_mandated",
    "first_evaluation": "retry_first_evaluation",
    "flags": "retry_flags",
}
PRINCIPLE_PART_KEYS = {"A": "principles_part_a", "B": "principles_part_b"}


def field_label(messages: Messages, field: str) -> str:
    return messages.say(FIELD_KEYS[field])


def _evaluation(p: Partnership, register: RegisterFile, messages: Messages) -> str:
    cadence = _label(register.cadences, p.cadence)
    if p.next_evaluation is None:
        return messages.say("not_planned", cadence=cadence)
    return messages.say("evaluation_value", date=messages.date(p.next_evaluation), cadence=cadence)


def _stored_id(p: Partnership) -> int:
    if p.id is None:
        raise ValueError(f"partnership '{p.name}' is not stored yet")
    return p.id


# --- registering ----------------------------------------------------------------------------


def partnership_form_card(
    content: Content,
    user_name: str,
    today: date,
    *,
    form: str | None = None,
    flags: str | None = None,
) -> Card:
    """'Nieuwe samenwerking': one form; the person filling it in becomes the account holder.
    `form` and `flags` (comma-separated keys) fill in what a described situation said."""
    messages = content.messages
    register = content.register
    forms = [
        (f"{form.label}: {form.hint}" if form.hint else form.label, form.key)
        for form in register.forms
    ]
    yes_no = [(messages.say("answer_ja"), "true"), (messages.say("answer_nee"), "false")]
    first_evaluation = add_months(today, FIRST_EVALUATION_MONTHS)
    body: list[Element] = [
        title(messages.say("new_partnership_heading")),
        text(messages.say("new_partnership_intro")),
        text_input(
            "name",
            field_label(messages, "name"),
            required=messages.say("name_required"),
            max_length=NAME_MAX_LENGTH,
        ),
        text_input(
            "purpose",
            field_label(messages, "purpose"),
            multiline=True,
            max_length=PURPOSE_MAX_LENGTH,
        ),
        text_input("partners", field_label(messages, "partners")),
        choice_set(
            "form",
            field_label(messages, "form"),
            forms,
            placeholder=messages.say("pick_placeholder"),
            required=messages.say("form_required"),
            value=form if form in {f.key for f in register.forms} else None,
        ),
        choice_set(
            "mandated",
            field_label(messages, "mandated"),
            yes_no,
            expanded=True,
            required=messages.say("mandated_required"),
        ),
        choice_set(
            "phase",
            field_label(messages, "phase"),
            _choices(register.phases),
            value=register.phases[0].key,
        ),
    ]
    if register.flags:
        options = [(flag.question, flag.key) for flag in register.flags]
        body.append(
            choice_set(
                "flags",
                field_label(messages, "flags"),
                options,
                expanded=True,
                multiple=True,
                value=flags,
            )
        )
    body += [
        date_input(
            "first_evaluation",
            field_label(messages, "first_evaluation"),
            value=first_evaluation.isoformat(),
        ),
        choice_set(
            "cadence",
            field_label(messages, "cadence"),
            _choices(register.cadences),
            value=register.default_cadence,
        ),
        text(messages.say("account_holder_line", name=user_name), spacing="Medium"),
    ]
    register_ = submit(label(messages, "register"), data(Do.PARTNERSHIP_FORM), style="positive")
    return card(body, [register_], full=True)


def partnership_question_card(
    messages: Messages,
    field_label: str,
    index: int,
    total: int,
    choices: list[tuple[str, str]] | None,
    hint: str | None,
    *,
    multiple: bool = False,
) -> Card:
    """One registration question in the chat.

    `choices`: (key, label) pairs, numbered (but Ja / Nee) so the number can be typed. Short labels
    become buttons ('1. Elk jaar') that do what typing the label does; long ones are listed
    in the card and get a button with their number, which the dialog reads like a typed
    number. With `multiple` (several may apply) the choices are
    always numbered, so '1, 3' can be typed too; 'Geen' types 'geen'. The first question has
    no 'Terug'.
    """
    body: list[Element] = [
        subtle(messages.say("question_of", index=index, total=total)),
        heading(field_label),
    ]
    if hint:
        body.append(text(hint, spacing="Small"))
    numbered_choices = len(choices or []) > 2  # not for Ja / Nee
    titled = [
        (messages.say("numbered_line", number=n, text=name) if numbered_choices else name, name)
        for n, (_, name) in enumerate(choices or [], 1)
    ]
    if choices and (multiple or not all(fits(title_) for title_, _ in titled)):
        entries = [(name, data(Do.COMMAND, text=str(n))) for n, (_, name) in enumerate(choices, 1)]
        body += numbered(messages, entries, "number")
        if multiple:
            body += button_row([command(label(messages, "none"), "geen")])
    elif choices:  # short: '1. Elk jaar' on the button itself
        body += button_list(command(title_, name) for title_, name in titled)
    steering = [command(label(messages, "stop"), "stop")]
    if index > 1:
        steering.insert(0, command(label(messages, "back"), "terug"))
    body += [
        *button_row(steering),
        subtle(_typing_hint(messages, choices, numbered_choices or multiple)),
    ]
    return card(body)


def _typing_hint(
    messages: Messages, choices: list[tuple[str, str]] | None, numbered_choices: bool
) -> str:
    if not choices:
        return messages.say("type_answer")
    return messages.say("pick_or_type_number" if numbered_choices else "pick_or_type")


def partnership_registered_card(
    p: Partnership, register: RegisterFile, content: Content, recommendation: Recommendation
) -> Card:
    """The confirmation, with the theme intakes and principles to look at first."""
    messages = content.messages
    partnership_id = _stored_id(p)
    body: list[Element] = [
        title(messages.say("registered_heading", name=p.name)),
        text(messages.say("registered_intro")),
        subtle(
            messages.say("first_evaluation_line", evaluation=_evaluation(p, register, messages))
        ),
        *_recommendations(partnership_id, recommendation, content, done=set()),
        *button_row(
            [
                submit(
                    label(messages, "open_partnership"),
                    data(Do.PARTNERSHIP_OPEN, id=partnership_id),
                ),
                _mine_action(messages),
            ]
        ),
    ]
    return card(body, full=True)


# --- one partnership ------------------------------------------------------------------------


def partnership_card(
    p: Partnership,
    register: RegisterFile,
    content: Content,
    recommendation: Recommendation,
    intakes: list[StoredIntake],
    open_points: int,
    may_change: bool,
    evaluation: list[Element] | None = None,
) -> Card:
    """A partnership in full; those who may change it get 'Wijzigen', hand-over and archive.

    `evaluation`: the evaluation part (see reminders.evaluation_section), shown after the
    facts; it names the next evaluation, so the facts then give only the rhythm.
    """
    messages = content.messages
    partnership_id = _stored_id(p)
    not_filled_in = messages.say("not_filled_in")
    facts = [
        (messages.say("fact_partners"), ", ".join(p.partners) or not_filled_in),
        (messages.say("fact_form"), _label(register.forms, p.form)),
        (messages.say("fact_mandated"), messages.say("word_yes" if p.mandated else "word_no")),
        (messages.say("fact_phase"), _label(register.phases, p.phase)),
        (messages.say("fact_account_holder"), p.account_holder.name or not_filled_in),
    ]
    if evaluation is None:
        facts.append((messages.say("fact_next_evaluation"), _evaluation(p, register, messages)))
    else:
        facts.append((messages.say("fact_cadence"), _label(register.cadences, p.cadence)))
    facts.append((messages.say("fact_open_points"), str(open_points)))
    body: list[Element] = [title(p.name)]
    if p.archived:
        body.append(subtle(messages.say("archived_line")))
    body += [
        text(p.purpose) if p.purpose else subtle(messages.say("no_purpose")),
        _fact_set(facts),
        *(evaluation or []),
        heading(messages.say("intakes_heading"), separator=True),
        *_intake_lines(intakes, content),
        *_recommendations(partnership_id, recommendation, content, done={i.theme for i in intakes}),
        *button_row([_mine_action(messages)]),
    ]
    actions = _change_actions(p, partnership_id, content) if may_change else []
    return card(body, actions, full=True)


def _fact_set(facts: list[tuple[str, str]]) -> Element:
    return {
        "type": "FactSet",
        "facts": [{"title": title_, "value": value} for title_, value in facts],
        "spacing": "Medium",
    }


def _intake_lines(intakes: list[StoredIntake], content: Content) -> list[Element]:
    messages = content.messages
    if not intakes:
        return [text(messages.say("no_intakes"))]
    lines = []
    for intake in sorted(intakes, key=lambda i: i.completed_at):
        theme = theme_by_key(content, intake.theme)
        lines.append(
            messages.say(
                "intake_done_line",
                theme=theme.title if theme else intake.theme,
                date=messages.date(intake.completed_at.date()),
            )
        )
    return [text("\r".join(f"- {line}" for line in lines))]


def _recommendations(
    partnership_id: int, recommendation: Recommendation, content: Content, done: set[str]
) -> list[Element]:
    """Theme intakes not done yet and the principles, at most six buttons together."""
    messages = content.messages
    themes = [
        theme
        for key in dict.fromkeys(recommendation.themes)
        if key not in done and (theme := theme_by_key(content, key)) is not None
    ]
    sections = [
        section
        for section_id in dict.fromkeys(recommendation.principles)
        if (section := _section(content, section_id)) is not None
    ]
    room_for_intakes = MAX_INTAKE_BUTTONS if sections else MAX_RECOMMENDED_BUTTONS
    shown, hidden = themes[:room_for_intakes], themes[room_for_intakes:]
    body: list[Element] = [heading(messages.say("recommended_heading"), separator=True)]
    if shown:
        body += [
            text(messages.say("recommended_intro")),
            *button_list(intake_button(messages, theme, partnership_id) for theme in shown),
        ]
    else:
        body.append(text(messages.say("all_recommended_done")))
    if hidden:
        more = messages.listing([theme.title for theme in hidden])
        body.append(subtle(messages.say("more_recommended", themes=more)))
    principles = [
        (section.title, data(Do.SHOW, id=section.id))
        for section in sections[: MAX_RECOMMENDED_BUTTONS - len(shown)]
    ]
    body += [
        heading(messages.say("principles_heading"), separator=True),
        text(messages.say(PRINCIPLE_PART_KEYS[recommendation.principle_part])),
    ]
    if principles:
        body += numbered(messages, principles, "principle_number")
    else:
        body += button_list([show_action(label(messages, "all_principles"), PRINCIPLES_ID)])
    return body


def _section(content: Content, section_id: str) -> Section | None:
    sections = (section for framework in content.frameworks for section in framework.sections)
    return next((section for section in sections if section.id == section_id), None)


def _change_actions(p: Partnership, partnership_id: int, content: Content) -> list[Action]:
    messages = content.messages
    register = content.register
    change = show_card(
        label(messages, "change"),
        [
            choice_set(
                "phase", field_label(messages, "phase"), _choices(register.phases), value=p.phase
            ),
            date_input(
                "next_evaluation",
                field_label(messages, "next_evaluation"),
                value=p.next_evaluation.isoformat() if p.next_evaluation else None,
            ),
            choice_set(
                "evaluation_kind",
                field_label(messages, "evaluation_kind"),
                _choices(register.evaluation_kinds),
                value=p.evaluation_kind,
            ),
            choice_set(
                "cadence",
                field_label(messages, "cadence"),
                _choices(register.cadences),
                value=p.cadence,
            ),
            *button_row(
                [
                    submit(
                        label(messages, "save"),
                        data(Do.PARTNERSHIP_UPDATE, id=partnership_id),
                        style="positive",
                    )
                ]
            ),
        ],
    )
    handover = show_card(label(messages, "handover"), handover_inputs(messages, partnership_id))
    actions = [change, handover]
    if not p.archived:
        archive = submit(
            label(messages, "confirm_partnership_archive"),
            data(Do.CONFIRM, confirm="partnership_archive", id=partnership_id),
            style="destructive",
        )
        confirm = [text(messages.say("archive_confirm", name=p.name)), *button_row([archive])]
        actions.append(show_card(label(messages, "archive"), confirm))
    return actions


# --- the list -------------------------------------------------------------------------------


def partnerships_list_card(partnerships: list[Partnership], content: Content) -> Card:
    """'Mijn samenwerkingen': each one in the list with a numbered button, then register a
    new one."""
    messages = content.messages
    shown = partnerships[:MAX_LISTED]
    body: list[Element] = [title(messages.say("partnerships_heading"))]
    if shown:
        entries = [
            (_list_line(p, content), data(Do.PARTNERSHIP_OPEN, id=_stored_id(p))) for p in shown
        ]
        body += numbered(messages, entries, "partnership_number")
    else:
        body.append(text(messages.say("no_partnerships")))
    if len(partnerships) > len(shown):
        body.append(subtle(messages.count("more_partnerships", len(partnerships) - len(shown))))
    new = [
        submit(label(messages, "new_partnership"), data(Do.PARTNERSHIP_NEW, mode="form")),
        submit(label(messages, "steps_registration"), data(Do.PARTNERSHIP_NEW, mode="steps")),
    ]
    body.append(container(button_list(new), spacing="Medium", separator=True))
    return card(body)


def _list_line(p: Partnership, content: Content) -> str:
    """'{name} · {phase} · evaluatie {date}'."""
    messages = content.messages
    phase = _label(content.register.phases, p.phase)
    if p.next_evaluation:
        return messages.say(
            "partnership_line_evaluation",
            name=p.name,
            phase=phase,
            date=messages.date(p.next_evaluation),
        )
    return messages.say("partnership_line", name=p.name, phase=phase)


def _mine_action(messages: Messages) -> Action:
    return submit(label(messages, "my_partnerships"), data(Do.PARTNERSHIPS_MINE))


def handover_inputs(messages: Messages, partnership_id: int) -> list[Element]:
    """Pick the new account holder in Teams' people picker, or type their name."""
    submit_ = submit(
        label(messages, "handover_submit"), data(Do.PARTNERSHIP_HANDOVER, id=partnership_id)
    )
    return [
        people_picker("account_holder_id", field_label(messages, "account_holder_id")),
        text_input("account_holder_name", field_label(messages, "account_holder_name")),
        *button_row([submit_]),
    ]
