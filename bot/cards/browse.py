"""Cards to look around: the themes, one theme's checklist, the expert teams, one team."""

from __future__ import annotations

from itertools import groupby

from bot.cards.actions import Action, data
from bot.cards.common import (
    Card,
    Element,
    bullets,
    button_list,
    button_row,
    card,
    command,
    contact_elements,
    expert_action,
    feedback_actions,
    feedback_prompt,
    first_sentence,
    heading,
    numbered,
    placeholder_note,
    subtle,
    text,
    theme_action,
    title,
)
from bot.cards.intake import short_title
from bot.cards.labels import label
from bot.domain.content import Content
from bot.domain.models import Expert, Theme


def themes_card(content: Content) -> Card:
    messages = content.messages
    body: list[Element] = [
        title(messages.say("themes_heading")),
        text(messages.say("themes_intro")),
    ]
    for theme in content.themes:
        body += [
            *button_list([theme_action(short_title(theme), theme.key)]),
            subtle(messages.count("theme_questions", len(theme.items))),
        ]
    return card(body)


def theme_card(theme: Theme, content: Content) -> Card:
    """A theme with why it matters, all its checklist questions and the teams involved."""
    messages = content.messages
    body: list[Element] = [
        title(theme.title),
        heading(messages.say("theme_why")),
        text(theme.why),
        subtle(messages.say("theme_source", source=theme.source)),
        heading(messages.count("theme_checklist", len(theme.items)), separator=True),
    ]
    for part, group in groupby(enumerate(theme.items, 1), key=lambda pair: pair[1].part):
        listed = list(group)
        if part:
            body.append(text(part, bold=True, spacing="Medium"))
        entries = [(item.question, data(Action.SHOW, id=item.id)) for _, item in listed]
        body += numbered(messages, entries, "question_number", start=listed[0][0])
    main_experts = dict.fromkeys(item.experts[0] for item in theme.items)
    body += [
        heading(messages.say("theme_experts"), separator=True),
        bullets(content.experts[code].name for code in main_experts),
        *button_row(
            [
                command(label(messages, "start_intake"), f"intake {theme.key}"),
                command(label(messages, "all_themes"), "thema's"),
            ]
        ),
    ]
    return card(body, full=True)


def experts_card(content: Content) -> Card:
    messages = content.messages
    body: list[Element] = [
        title(messages.say("experts_heading")),
        text(messages.say("experts_intro")),
    ]
    for expert in content.experts.values():
        body += [
            text(expert.name, bold=True, spacing="Medium"),
            subtle(first_sentence(expert.helps_with)[0]),
            *button_list(
                [expert_action(label(messages, "expert_open", code=expert.code), expert.code)]
            ),
        ]
    return card(body)


def expert_card(expert: Expert, content: Content, *, feedback: bool = False) -> Card:
    """A team: what it does, when to involve it, how to reach it.

    With `feedback` (when the card answers a question) it ends with the feedback buttons.
    """
    messages = content.messages
    body: list[Element] = [
        title(expert.name),
        text(expert.helps_with),
        heading(messages.say("expert_when")),
        text(expert.when),
        heading(messages.say("expert_contact")),
        *contact_elements(expert, content),
        *placeholder_note([expert], content),
        *button_row([command(label(messages, "all_teams"), "experts")]),
    ]
    if not feedback:
        return card(body, full=True)
    return card(
        [*body, feedback_prompt(messages)], feedback_actions(messages, expert.code), full=True
    )
