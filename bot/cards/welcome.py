"""The welcome card and the help card: what the bot does, examples, the menu."""

from __future__ import annotations

from bot.cards.actions import Action, data
from bot.cards.common import (
    Card,
    Element,
    button_row,
    card,
    command,
    heading,
    numbered,
    text,
    title,
)
from bot.cards.labels import label
from bot.domain.content import Content

EXAMPLE_KEYS = ("example_1", "example_2", "example_3")  # the example questions
# The menu: the command each button does, as typed, and the key of its label.
MENU_KEYS = {
    "thema's": "menu_themes",
    "nieuwe samenwerking": "menu_new_partnership",
    "mijn samenwerkingen": "menu_my_partnerships",
    "experts": "menu_experts",
    "privacy": "menu_privacy",
    "help": "menu_help",
}


def example_questions(content: Content) -> list[str]:
    """The example questions of the welcome and help cards, from messages.yaml."""
    return [content.messages.say(EXAMPLE_KEYS[n]) for n in range(len(EXAMPLE_KEYS))]


def welcome_card(content: Content) -> Card:
    return _intro_card(content.messages.say("welcome_heading"), content)


def help_card(content: Content) -> Card:
    messages = content.messages
    extra = [text(messages.say("help_commands"))]
    return _intro_card(messages.say("help_heading"), content, extra=extra)


def _intro_card(heading_text: str, content: Content, extra: list[Element] | None = None) -> Card:
    messages = content.messages
    scope = messages.say("scope", questions=len(content.items), themes=len(content.themes))
    examples = [
        (question, data(Action.COMMAND, text=question)) for question in example_questions(content)
    ]
    body: list[Element] = [
        title(heading_text),
        text(messages.say("intro")),
        text(scope),
        *(extra or []),
        heading(messages.say("examples_heading")),
        *numbered(messages, examples, "example_number"),
        heading(messages.say("menu_heading")),
        *button_row([command(label(messages, MENU_KEYS[typed]), typed) for typed in MENU_KEYS]),
    ]
    return card(body)
