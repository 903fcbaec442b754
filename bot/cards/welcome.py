"""The welcome card and the help card: what the bot does, examples, the menu."""

from __future__ import annotations

from bot.cards import texts
from bot.cards.common import (
    Card,
    Element,
    button_list,
    button_row,
    card,
    heading,
    im_back,
    text,
    title,
)
from bot.domain.content import Content

EXAMPLES_SHOWN = 3


def welcome_card(content: Content, example_questions: list[str]) -> Card:
    return _intro_card(texts.WELCOME_HEADING, content, example_questions)


def help_card(content: Content, example_questions: list[str]) -> Card:
    return _intro_card(
        texts.HELP_HEADING, content, example_questions, extra=[text(texts.HELP_COMMANDS)]
    )


def _intro_card(
    heading_text: str,
    content: Content,
    example_questions: list[str],
    extra: list[Element] | None = None,
) -> Card:
    scope = texts.SCOPE_LINE.format(questions=len(content.items), themes=len(content.themes))
    examples = [im_back(question, question) for question in example_questions[:EXAMPLES_SHOWN]]
    body: list[Element] = [title(heading_text), text(texts.INTRO), text(scope), *(extra or [])]
    if examples:
        body += [heading(texts.EXAMPLES_HEADING), *button_list(examples)]
    body += [
        heading(texts.MENU_HEADING),
        *button_row([im_back(label, value) for label, value in texts.MENU]),
    ]
    return card(body)
