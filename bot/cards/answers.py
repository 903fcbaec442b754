"""Cards that answer a question: a checklist item, a framework (section), clarify, decline."""

from __future__ import annotations

from bot.cards.actions import Action, data
from bot.cards.browse import expert_card
from bot.cards.common import (
    Card,
    Element,
    bullets,
    button_row,
    card,
    command,
    experts_section,
    feedback_actions,
    feedback_prompt,
    heading,
    numbered,
    subtle,
    text,
    theme_action,
    title,
)
from bot.cards.labels import fits, label
from bot.cards.phase import role_elements, tool_elements
from bot.cards.tickets import ask_expert_action
from bot.domain.content import Content
from bot.domain.entries import Entry
from bot.domain.matcher import MatchResult
from bot.domain.messages import Messages
from bot.domain.models import Framework, Section

MAX_SECTION_BUTTONS = 12


def answer_card(entry: Entry, content: Content) -> Card:
    """The card for the entry the matcher chose (or the user picked), with "Vraag een expert"."""
    if entry.kind == "checklist":
        answer = _checklist_card(entry.id, content)
    elif entry.kind == "expert":
        answer = expert_card(content.experts[entry.id], content, feedback=True)
    elif entry.kind == "framework":
        answer = _framework_card(entry.id, content)
    else:
        return out_of_scope_card(content)
    ask = ask_expert_action(content.messages, entry.id)
    return {**answer, "actions": [*answer["actions"], ask]}


def _checklist_card(item_id: str, content: Content) -> Card:
    messages = content.messages
    item = content.items[item_id]
    theme = content.theme_of_item[item_id]
    if item.part:
        theme_line = messages.say("answer_theme_part_line", theme=theme.title, part=item.part)
    else:
        theme_line = messages.say("answer_theme_line", theme=theme.title)
    related = [(content.items[id_].question, data(Action.SHOW, id=id_)) for id_ in item.related]
    body: list[Element] = [
        title(item.question),
        subtle(theme_line),
        text(item.explanation, spacing="Medium"),
        *experts_section(item.experts, content),
    ]
    if related:
        body += [
            heading(messages.say("answer_related"), separator=True),
            *numbered(messages, related, "question_number"),
        ]
    all_questions = label(messages, "all_theme_questions", theme=theme.title)
    if not fits(all_questions):
        all_questions = label(messages, "all_theme_questions_short")
    body += [*button_row([theme_action(all_questions, theme.key)]), feedback_prompt(messages)]
    return card(body, feedback_actions(messages, item_id), full=True)


def _framework_card(entry_id: str, content: Content) -> Card:
    messages = content.messages
    framework, section = _framework_part(entry_id, content)
    body: list[Element] = []
    if section is None:
        body += [title(framework.title), text(framework.summary, spacing="Medium")]
        if framework.phases:
            body.append(subtle(messages.say("answer_phases", phases=", ".join(framework.phases))))
        body += _section_buttons(framework, content)
    else:
        if section.group:
            origin = messages.say(
                "answer_from_framework_group", framework=framework.title, group=section.group
            )
        else:
            origin = messages.say("answer_from_framework", framework=framework.title)
        body += [title(section.title), subtle(origin), text(section.summary, spacing="Medium")]
        questions = _plain_questions(section, content)
        if questions:
            body += [heading(messages.say("answer_section_questions")), bullets(questions)]
        body += _section_extras(messages, section)
    body += [*experts_section(framework.experts_of(section), content), feedback_prompt(messages)]
    return card(body, feedback_actions(messages, entry_id), full=True)


def _plain_questions(section: Section, content: Content) -> list[str]:
    """A waarderingskader cell's questions as the appraisal asks them (full sentences at B1
    level) rather than the framework's own short notes; other sections' questions as they are."""
    appraisal = content.appraisal
    cells = appraisal.cells if appraisal else []
    return next((cell.questions for cell in cells if cell.source == section.id), section.questions)


def _section_extras(messages: Messages, section: Section) -> list[Element]:
    """What a phase asks before moving on, a role per form, the bot's tool for a step."""
    body: list[Element] = []
    if section.settle:
        body += [heading(messages.say("phase_settle_heading")), bullets(section.settle)]
    if section.decision:
        body += [heading(messages.say("phase_decision_heading")), text(section.decision)]
    return body + role_elements(messages, section) + tool_elements(messages, section)


def _section_buttons(framework: Framework, content: Content) -> list[Element]:
    messages = content.messages
    shown = framework.sections[:MAX_SECTION_BUTTONS]
    body = [
        heading(messages.say("answer_sections")),
        *numbered(
            messages,
            [(section.title, data(Action.SHOW, id=section.id)) for section in shown],
            "section_number",
        ),
    ]
    hidden = framework.sections[len(shown) :]
    if hidden:
        names = messages.listing([section.title for section in hidden])
        body.append(subtle(messages.count("answer_more_sections", len(hidden), names=names)))
    return body


def _framework_part(entry_id: str, content: Content) -> tuple[Framework, Section | None]:
    for framework in content.frameworks:
        if framework.id == entry_id:
            return framework, None
        for section in framework.sections:
            if section.id == entry_id:
                return framework, section
    raise KeyError(f"no framework or section with id '{entry_id}'")


def clarify_card(result: MatchResult, content: Content) -> Card:
    """'Bedoel je een van deze vragen?': the close candidates in full, numbered, each with a
    short button (typing the number works too)."""
    messages = content.messages
    options = [
        (_option_title(match.entry, content), data(Action.SHOW, id=match.entry.id))
        for match in result.options
    ]
    body = [
        text(messages.say("clarify_intro"), bold=True),
        *numbered(messages, options, "option_number"),
        subtle(messages.say("clarify_rephrase")),
    ]
    team = content.experts.get(result.team or "")
    if team is not None:
        body.append(subtle(messages.say("clarify_team", team=team.name)))
    return card(body)


def _option_title(entry: Entry, content: Content) -> str:
    messages = content.messages
    if entry.kind == "framework" and entry.theme and entry.theme != entry.title:
        return messages.say("clarify_option_section", section=entry.title, theme=entry.theme)
    if entry.kind == "expert":
        return messages.say("clarify_option_expert", team=entry.title)
    return entry.title


def out_of_scope_card(content: Content, referral: str | None = None) -> Card:
    """A friendly 'daar kan ik niet mee helpen', where to go instead when the content knows,
    and what the bot can do instead."""
    messages = content.messages
    body = [text(messages.say("out_of_scope"))]
    if referral:
        body.append(text(messages.say("out_of_scope_referral", referral=referral)))
    return card(
        body,
        [
            command(label(messages, "show_themes"), "thema's"),
            command(label(messages, "help"), "help"),
        ],
    )
