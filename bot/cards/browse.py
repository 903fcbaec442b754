"""Cards to look around: the themes, one theme's checklist, the expert teams, one team."""

from __future__ import annotations

from itertools import groupby

from bot.cards import texts
from bot.cards.common import (
    Card,
    Element,
    bullets,
    button_list,
    button_row,
    card,
    contact_elements,
    expert_action,
    feedback_actions,
    feedback_prompt,
    heading,
    im_back,
    one_line,
    show_action,
    subtle,
    text,
    theme_action,
    title,
)
from bot.domain.content import Content
from bot.domain.models import Expert, Theme


def themes_card(content: Content) -> Card:
    buttons = [
        theme_action(
            texts.THEME_BUTTON.format(title=theme.title, count=len(theme.items)), theme.key
        )
        for theme in content.themes
    ]
    return card([title(texts.THEMES_HEADING), text(texts.THEMES_INTRO), *button_list(buttons)])


def theme_card(theme: Theme, content: Content) -> Card:
    """A theme with why it matters, all its checklist questions and the teams involved."""
    body: list[Element] = [
        title(theme.title),
        heading(texts.WHY_HEADING),
        text(theme.why),
        subtle(texts.SOURCE_LINE.format(source=theme.source)),
        heading(f"{texts.CHECKLIST_HEADING} ({len(theme.items)})", separator=True),
    ]
    numbered = enumerate(theme.items, 1)
    for part, group in groupby(numbered, key=lambda pair: pair[1].part):
        if part:
            body.append(text(part, bold=True, spacing="Medium"))
        body += button_list(show_action(f"{n}. {item.question}", item.id) for n, item in group)
    main_experts = dict.fromkeys(item.experts[0] for item in theme.items)
    body += [
        heading(texts.THEME_EXPERTS_HEADING, separator=True),
        bullets(content.experts[code].name for code in main_experts),
        *button_row(
            [
                im_back(texts.START_INTAKE, f"intake {theme.key}"),
                im_back(texts.ALL_THEMES, "thema's"),
            ]
        ),
    ]
    return card(body, full=True)


def experts_card(content: Content) -> Card:
    body: list[Element] = [title(texts.EXPERTS_HEADING), text(texts.EXPERTS_INTRO)]
    for expert in content.experts.values():
        body += [
            *button_list([expert_action(expert.name, expert.code)]),
            subtle(one_line(expert.helps_with)),
        ]
    return card(body)


def expert_card(expert: Expert, content: Content, *, feedback: bool = False) -> Card:
    """A team: what it does, when to involve it, how to reach it.

    With `feedback` (when the card answers a question) it ends with the feedback buttons.
    """
    body: list[Element] = [
        title(expert.name),
        text(expert.helps_with),
        heading(texts.WHEN_HEADING),
        text(expert.when),
        heading(texts.CONTACT_HEADING),
        *contact_elements(expert, content),
        *button_row([im_back(texts.ALL_TEAMS, "experts")]),
    ]
    if not feedback:
        return card(body, full=True)
    return card([*body, feedback_prompt()], feedback_actions(expert.code), full=True)
