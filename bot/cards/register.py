"""Cards of the partnership register: the registration form and questions, a partnership with
its recommendations and changes, and the list of one's partnerships."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from bot.cards import actions as contract
from bot.cards import texts
from bot.cards.common import (
    BUTTON_TITLE_LIMIT,
    Action,
    Card,
    Element,
    button_list,
    button_row,
    card,
    heading,
    im_back,
    shorten,
    show_action,
    show_card,
    submit,
    subtle,
    text,
    title,
)
from bot.cards.inputs import choice_set, container, date_input, people_picker, text_input
from bot.cards.intake import intake_button, theme_by_key
from bot.domain.content import Content
from bot.domain.dates import add_months
from bot.domain.intake import StoredIntake
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


def _evaluation(p: Partnership, register: RegisterFile) -> str:
    cadence = _label(register.cadences, p.cadence)
    if p.next_evaluation is None:
        return texts.NOT_PLANNED.format(cadence=cadence)
    return texts.EVALUATION_VALUE.format(date=texts.dutch_date(p.next_evaluation), cadence=cadence)


def _stored_id(p: Partnership) -> int:
    if p.id is None:
        raise ValueError(f"partnership '{p.name}' is not stored yet")
    return p.id


# --- registering ----------------------------------------------------------------------------


def partnership_form_card(
    register: RegisterFile,
    user_name: str,
    today: date,
    *,
    form: str | None = None,
    flags: str | None = None,
) -> Card:
    """'Nieuwe samenwerking': one form; the person filling it in becomes the account holder.
    `form` and `flags` (comma-separated keys) fill in what a described situation said."""
    labels = texts.FIELD_LABELS
    forms = [
        (f"{form.label}: {form.hint}" if form.hint else form.label, form.key)
        for form in register.forms
    ]
    first_evaluation = add_months(today, FIRST_EVALUATION_MONTHS)
    body: list[Element] = [
        title(texts.NEW_PARTNERSHIP_HEADING),
        text(texts.NEW_PARTNERSHIP_INTRO),
        text_input(
            "name", labels["name"], required=texts.NAME_REQUIRED, max_length=NAME_MAX_LENGTH
        ),
        text_input("purpose", labels["purpose"], multiline=True, max_length=PURPOSE_MAX_LENGTH),
        text_input("partners", labels["partners"]),
        choice_set(
            "form",
            labels["form"],
            forms,
            placeholder=texts.PICK_PLACEHOLDER,
            required=texts.FORM_REQUIRED,
            value=form if form in {f.key for f in register.forms} else None,
        ),
        choice_set(
            "mandated",
            labels["mandated"],
            texts.YES_NO,
            expanded=True,
            required=texts.MANDATED_REQUIRED,
        ),
        choice_set(
            "phase", labels["phase"], _choices(register.phases), value=register.phases[0].key
        ),
    ]
    if register.flags:
        options = [(flag.question, flag.key) for flag in register.flags]
        body.append(
            choice_set("flags", labels["flags"], options, expanded=True, multiple=True, value=flags)
        )
    body += [
        date_input(
            "first_evaluation", labels["first_evaluation"], value=first_evaluation.isoformat()
        ),
        choice_set(
            "cadence",
            labels["cadence"],
            _choices(register.cadences),
            value=register.default_cadence,
        ),
        text(texts.ACCOUNT_HOLDER_LINE.format(name=user_name), spacing="Medium"),
    ]
    register_ = submit(
        texts.REGISTER_BUTTON,
        {"action": "partnership_form", "account_holder": "me"},
        style="positive",
    )
    return card(body, [register_], full=True)


def partnership_question_card(
    field_label: str,
    index: int,
    total: int,
    choices: list[tuple[str, str]] | None,
    hint: str | None,
    *,
    multiple: bool = False,
) -> Card:
    """One registration question in the chat.

    `choices`: (key, label) pairs. A button posts its label, which the dialog reads like typed
    text. With `multiple` (several may apply) the choices are numbered and a button posts its
    number, so '1, 3' can be typed too; 'Geen' posts 'geen'. The first question has no 'Terug'.
    """
    body: list[Element] = [
        subtle(texts.QUESTION_OF.format(index=index, total=total)),
        heading(field_label),
    ]
    if hint:
        body.append(text(hint, spacing="Small"))
    if choices and multiple:
        numbered = [
            texts.NUMBERED_CHOICE.format(number=number, label=label)
            for number, (_, label) in enumerate(choices, 1)
        ]
        body += [
            text("\r".join(numbered)),
            *button_row(
                [im_back(str(number), str(number)) for number in range(1, len(choices) + 1)]
                + [im_back(*texts.NONE_CHOICE)]
            ),
        ]
    elif choices:
        body += button_list(im_back(label, label) for _, label in choices)
    steering = [im_back(*texts.STOP)]
    if index > 1:
        steering.insert(0, im_back(*texts.BACK))
    body += [
        *button_row(steering),
        subtle(texts.PICK_OR_TYPE if choices else texts.TYPE_ANSWER),
    ]
    return card(body)


def partnership_registered_card(
    p: Partnership, register: RegisterFile, content: Content, recommendation: Recommendation
) -> Card:
    """The confirmation, with the theme intakes and principles to look at first."""
    partnership_id = _stored_id(p)
    body: list[Element] = [
        title(texts.REGISTERED_HEADING.format(name=p.name)),
        text(texts.REGISTERED_INTRO),
        subtle(texts.FIRST_EVALUATION_LINE.format(evaluation=_evaluation(p, register))),
        *_recommendations(partnership_id, recommendation, content, done=set()),
        *button_row(
            [
                submit(
                    texts.OPEN_PARTNERSHIP_BUTTON,
                    {"action": "partnership_open", "id": partnership_id},
                ),
                _mine_action(),
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

    `evaluation`: the evaluation part (see reminders.evaluation_section), shown after the facts.
    """
    partnership_id = _stored_id(p)
    facts = [
        (texts.FACT_PARTNERS, ", ".join(p.partners) or texts.NOT_FILLED_IN),
        (texts.FACT_FORM, _label(register.forms, p.form)),
        (texts.FACT_MANDATED, texts.YES if p.mandated else texts.NO),
        (texts.FACT_PHASE, _label(register.phases, p.phase)),
        (texts.FACT_ACCOUNT_HOLDER, p.account_holder.name or texts.NOT_FILLED_IN),
        (texts.FACT_NEXT_EVALUATION, _evaluation(p, register)),
        (texts.FACT_OPEN_POINTS, str(open_points)),
    ]
    body: list[Element] = [title(p.name)]
    if p.archived:
        body.append(subtle(texts.ARCHIVED_LINE))
    body += [
        text(p.purpose) if p.purpose else subtle(texts.NO_PURPOSE),
        _fact_set(facts),
        *(evaluation or []),
        heading(texts.INTAKES_HEADING, separator=True),
        *_intake_lines(intakes, content),
        *_recommendations(partnership_id, recommendation, content, done={i.theme for i in intakes}),
        *button_row([_mine_action()]),
    ]
    actions = _change_actions(p, partnership_id, register) if may_change else []
    return card(body, actions, full=True)


def _fact_set(facts: list[tuple[str, str]]) -> Element:
    return {
        "type": "FactSet",
        "facts": [{"title": title_, "value": value} for title_, value in facts],
        "spacing": "Medium",
    }


def _intake_lines(intakes: list[StoredIntake], content: Content) -> list[Element]:
    if not intakes:
        return [text(texts.NO_INTAKES)]
    lines = []
    for intake in sorted(intakes, key=lambda i: i.completed_at):
        theme = theme_by_key(content, intake.theme)
        lines.append(
            texts.INTAKE_DONE_LINE.format(
                theme=theme.title if theme else intake.theme,
                date=texts.dutch_date(intake.completed_at.date()),
            )
        )
    return [text("\r".join(f"- {line}" for line in lines))]


def _recommendations(
    partnership_id: int, recommendation: Recommendation, content: Content, done: set[str]
) -> list[Element]:
    """Theme intakes not done yet and the principles, at most six buttons together."""
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
    body: list[Element] = [heading(texts.RECOMMENDED_HEADING, separator=True)]
    if shown:
        body += [
            text(texts.RECOMMENDED_INTRO),
            *button_list(intake_button(theme, partnership_id) for theme in shown),
        ]
    else:
        body.append(text(texts.ALL_RECOMMENDED_DONE))
    if hidden:
        more = texts.dutch_list([theme.title for theme in hidden])
        body.append(subtle(texts.MORE_RECOMMENDED.format(themes=more)))
    principles: list[Action] = [
        show_action(section.title, section.id)
        for section in sections[: MAX_RECOMMENDED_BUTTONS - len(shown)]
    ]
    if not principles:
        principles = [show_action(texts.PRINCIPLES_BUTTON, texts.PRINCIPLES_ID)]
    body += [
        heading(texts.PRINCIPLES_HEADING, separator=True),
        text(texts.PRINCIPLES_PART[recommendation.principle_part]),
        *button_list(principles),
    ]
    return body


def _section(content: Content, section_id: str) -> Section | None:
    sections = (section for framework in content.frameworks for section in framework.sections)
    return next((section for section in sections if section.id == section_id), None)


def _change_actions(p: Partnership, partnership_id: int, register: RegisterFile) -> list[Action]:
    labels = texts.FIELD_LABELS
    change = show_card(
        texts.CHANGE_BUTTON,
        [
            choice_set("phase", labels["phase"], _choices(register.phases), value=p.phase),
            date_input(
                "next_evaluation",
                labels["next_evaluation"],
                value=p.next_evaluation.isoformat() if p.next_evaluation else None,
            ),
            choice_set(
                "evaluation_kind",
                labels["evaluation_kind"],
                _choices(register.evaluation_kinds),
                value=p.evaluation_kind,
            ),
            choice_set("cadence", labels["cadence"], _choices(register.cadences), value=p.cadence),
            *button_row(
                [
                    submit(
                        texts.SAVE_BUTTON,
                        {"action": "partnership_update", "id": partnership_id},
                        style="positive",
                    )
                ]
            ),
        ],
    )
    handover = show_card(texts.HANDOVER_BUTTON, handover_inputs(partnership_id))
    actions = [change, handover]
    if not p.archived:
        archive = submit(
            texts.ARCHIVE_SUBMIT,
            contract.data(
                contract.Action.CONFIRM, confirm="partnership_archive", id=partnership_id
            ),
            style="destructive",
        )
        confirm = [text(texts.ARCHIVE_CONFIRM.format(name=p.name)), *button_row([archive])]
        actions.append(show_card(texts.ARCHIVE_BUTTON, confirm))
    return actions


# --- the list -------------------------------------------------------------------------------


def partnerships_list_card(partnerships: list[Partnership], register: RegisterFile) -> Card:
    """'Mijn samenwerkingen': each one as a button, then register a new one."""
    shown = partnerships[:MAX_LISTED]
    body: list[Element] = [title(texts.MY_PARTNERSHIPS)]
    if shown:
        body += button_list(
            submit(_list_title(p, register), {"action": "partnership_open", "id": _stored_id(p)})
            for p in shown
        )
    else:
        body.append(text(texts.NO_PARTNERSHIPS))
    if len(partnerships) > len(shown):
        body.append(subtle(texts.MORE_PARTNERSHIPS.format(count=len(partnerships) - len(shown))))
    new = [
        submit(texts.NEW_PARTNERSHIP_BUTTON, {"action": "partnership_new", "mode": "form"}),
        submit(texts.STEPS_REGISTRATION_BUTTON, {"action": "partnership_new", "mode": "steps"}),
    ]
    body.append(container(button_list(new), spacing="Medium", separator=True))
    return card(body)


def _list_title(p: Partnership, register: RegisterFile) -> str:
    """'{name} · {phase} · evaluatie {date}', the name shortened so the rest stays visible."""
    rest = texts.PARTNERSHIP_BUTTON.format(name="", phase=_label(register.phases, p.phase))
    if p.next_evaluation:
        rest += texts.PARTNERSHIP_EVALUATION.format(date=texts.dutch_date(p.next_evaluation))
    return shorten(p.name, max(BUTTON_TITLE_LIMIT - len(rest), 20)) + rest


def _mine_action() -> Action:
    return submit(texts.MY_PARTNERSHIPS, {"action": "partnerships_mine"})


def handover_inputs(partnership_id: int) -> list[Element]:
    """Pick the new account holder in Teams' people picker, or type their name."""
    labels = texts.FIELD_LABELS
    return [
        people_picker("account_holder_id", labels["account_holder_id"]),
        text_input("account_holder_name", labels["account_holder_name"]),
        *button_row(
            [
                submit(
                    texts.HANDOVER_SUBMIT,
                    contract.data(contract.Action.PARTNERSHIP_HANDOVER, id=partnership_id),
                )
            ]
        ),
    ]
