"""Small helpers every conversation uses to reply and to know who is talking."""

from __future__ import annotations

import logging
from typing import Any

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.schema import Activity, Attachment

from bot.domain.register import Person

log = logging.getLogger(__name__)


class _BuiltCard(Attachment):  # type: ignore[misc]
    """An Adaptive Card attachment that botbuilder does not deep-copy on each send (it copies
    every outgoing activity): a card is built for one message and never changed after."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _BuiltCard:
        return self


def card_message(card: dict[str, Any]) -> Activity:
    attachment = CardFactory.adaptive_card(card)
    return MessageFactory.attachment(
        _BuiltCard(content_type=attachment.content_type, content=attachment.content)
    )


async def send_card(context: TurnContext, card: dict[str, Any]) -> None:
    await context.send_activity(card_message(card))


async def replace_card(context: TurnContext, activity_id: str, card: dict[str, Any]) -> bool:
    """Show `card` in place of the sent card `activity_id`; False when Teams refused."""
    activity = card_message(card)
    activity.id = activity_id
    try:
        await context.update_activity(activity)
    except Exception as error:  # a card that cannot be updated stays as it was: no harm done
        log.warning("card not updated in place: %s", type(error).__name__)
        return False
    return True


def sender(context: TurnContext) -> Person:
    """The user as the register records them: Entra object id when Teams gives it."""
    account = context.activity.from_property
    return Person(id=str(account.aad_object_id or account.id), name=str(account.name or ""))
