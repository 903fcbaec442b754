"""Small helpers every conversation uses to reply and to know who is talking."""

from __future__ import annotations

from typing import Any

from botbuilder.core import CardFactory, MessageFactory, TurnContext

from bot.domain.register import Person


async def send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))


def sender(context: TurnContext) -> Person:
    """The user as the register records them: Entra object id when Teams gives it."""
    account = context.activity.from_property
    return Person(id=str(account.aad_object_id or account.id), name=str(account.name or ""))


def int_field(value: Any) -> int:
    """A number from card data (ids), or -1 when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
