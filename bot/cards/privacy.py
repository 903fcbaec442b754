"""The privacy card: what the bot keeps about the user, and the button to delete it."""

from __future__ import annotations

from bot.cards import texts
from bot.cards.common import Card, Element, bullets, button_row, card, submit, text, title


def privacy_card(stored: list[str]) -> Card:
    """`stored`: Dutch lines describing what is kept for this user (the caller knows)."""
    body: list[Element] = [title(texts.PRIVACY_HEADING)]
    if stored:
        body += [text(texts.STORED_INTRO, bold=True), bullets(stored)]
    else:
        body.append(text(texts.NOTHING_STORED))
    body += [
        text(texts.NOT_LOGGED, spacing="Medium"),
        text(texts.FEEDBACK_ANONYMOUS),
        text(texts.DELETE_HINT, spacing="Medium"),
        *button_row(
            [submit(texts.DELETE_BUTTON, {"action": "delete_my_data"}, style="destructive")]
        ),
    ]
    return card(body)
