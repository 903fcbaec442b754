"""The card with the download link of the register overview (administrators)."""

from __future__ import annotations

from bot.cards.common import Card, card, open_url, text
from bot.cards.labels import label
from bot.domain.messages import Messages


def overview_card(messages: Messages, url: str) -> Card:
    link = open_url(label(messages, "overview_download"), url)
    return card([text(messages.say("overview_intro"))], [link])
