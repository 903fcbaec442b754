"""Every button title, from the `labels:` section of content/messages.yaml.

The content loader checks that each label has at most 30 characters, so a button fits on a
phone; the card rules test checks the titles with real values filled in. Builders read
button titles only through `label`.
"""

from __future__ import annotations

from bot.domain.messages import Messages

LABEL_LIMIT = 30


def label(messages: Messages, key: str, **values: object) -> str:
    """The button title `key`, its placeholders filled in ('Vraag {number}' -> 'Vraag 2')."""
    return messages.label(key, **values)


def fits(text: str) -> bool:
    return len(text) <= LABEL_LIMIT
