"""Adaptive Card builders: pure functions from domain objects to card JSON (Teams, 1.5)."""

from bot.cards.answers import answer_card, clarify_card, out_of_scope_card
from bot.cards.browse import expert_card, experts_card, theme_card, themes_card
from bot.cards.common import Card
from bot.cards.privacy import privacy_card
from bot.cards.texts import data_deleted_text, error_text, feedback_thanks, unknown_item_text
from bot.cards.welcome import help_card, welcome_card

__all__ = [
    "Card",
    "answer_card",
    "clarify_card",
    "data_deleted_text",
    "error_text",
    "expert_card",
    "experts_card",
    "feedback_thanks",
    "help_card",
    "out_of_scope_card",
    "privacy_card",
    "theme_card",
    "themes_card",
    "unknown_item_text",
    "welcome_card",
]
