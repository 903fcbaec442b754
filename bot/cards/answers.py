"""Cards that answer a question: a checklist item, a framework (section), clarify, decline."""

from __future__ import annotations

from bot.cards import texts
from bot.cards.browse import expert_card
from bot.cards.common import (
    Card,
    Element,
    bullets,
    button_list,
    button_row,
    card,
    experts_section,
    feedback_actions,
    feedback_prompt,
    folded_list,
    heading,
    im_back,
    show_action,
    subtle,
    text,
    theme_action,
    title,
)
from bot.cards.tickets import ask_expert_action
from bot.domain.content import Content
from bot.domain.entries import Entry
from bot.domain.matcher import MatchResult
from bot.domain.models import Framework, Section

MAX_INLINE_RELATED = 4
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
    return {**answer, "actions": [*answer["actions"], ask_expert_action(entry.id)]}


def _checklist_card(item_id: str, content: Content) -> Card:
    item = content.items[item_id]
    theme = content.theme_of_item[item_id]
    theme_line = texts.THEME_LINE.format(theme=theme.title)
    if item.part:
        theme_line += f" · {item.part}"
    related = [show_action(content.items[id_].question, id_) for id_ in item.related]
    body: list[Element] = [
        title(item.question),
        subtle(theme_line),
        text(item.explanation, spacing="Medium"),
        *experts_section(item.experts, content),
    ]
    if related:
        body += [
            heading(content.messages.answer_related, separator=True),
            *folded_list(
                related,
                inline=MAX_INLINE_RELATED,
                more_title=texts.RELATED_MORE.format(count=len(related)),
            ),
        ]
    body += [
        *button_row([theme_action(texts.ALL_THEME_QUESTIONS.format(theme=theme.title), theme.key)]),
        feedback_prompt(),
    ]
    return card(body, feedback_actions(item_id), full=True)


def _framework_card(entry_id: str, content: Content) -> Card:
    framework, section = _framework_part(entry_id, content)
    body: list[Element] = []
    if section is None:
        body += [title(framework.title), text(framework.summary, spacing="Medium")]
        if framework.phases:
            body.append(subtle(texts.PHASES_LINE.format(phases=", ".join(framework.phases))))
        body += _section_buttons(framework)
    else:
        origin = texts.FROM_FRAMEWORK.format(framework=framework.title)
        if section.group:
            origin += f" · {section.group}"
        body += [title(section.title), subtle(origin), text(section.summary, spacing="Medium")]
        if section.questions:
            body += [heading(texts.SECTION_QUESTIONS), bullets(section.questions)]
    body += [*experts_section(framework.experts, content), feedback_prompt()]
    return card(body, feedback_actions(entry_id), full=True)


def _section_buttons(framework: Framework) -> list[Element]:
    shown = framework.sections[:MAX_SECTION_BUTTONS]
    body = [
        heading(texts.SECTIONS),
        *button_list(show_action(section.title, section.id) for section in shown),
    ]
    hidden = len(framework.sections) - len(shown)
    if hidden:
        body.append(subtle(texts.MORE_SECTIONS.format(count=hidden)))
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
    """'Bedoel je een van deze vragen?' with the close candidates as buttons."""
    options = [show_action(_option_title(match.entry), match.entry.id) for match in result.options]
    body = [
        text(content.messages.clarify_intro, bold=True),
        *button_list(options),
        subtle(texts.CLARIFY_REPHRASE),
    ]
    return card(body)


def _option_title(entry: Entry) -> str:
    if entry.kind == "framework" and entry.theme and entry.theme != entry.title:
        return f"{entry.title} ({entry.theme})"
    if entry.kind == "expert":
        return f"{entry.title} ({texts.EXPERT_LABEL})"
    return entry.title


def out_of_scope_card(content: Content) -> Card:
    """A friendly 'daar kan ik niet mee helpen', with what the bot can do instead."""
    return card(
        [text(content.messages.out_of_scope)],
        [im_back(texts.SHOW_THEMES, "thema's"), im_back(texts.HELP, "help")],
    )
