"""Small helpers every conversation uses to reply and to know who is talking."""

from __future__ import annotations

import copy
import logging
from typing import Any

from botbuilder.core import CardFactory, TurnContext
from botbuilder.schema import Activity, ActivityTypes, AttachmentLayoutTypes

from bot.domain.register import Person

log = logging.getLogger(__name__)


class _BuiltToSend(Activity):  # type: ignore[misc]
    """An activity built for one send (a card message). botbuilder
    deep-copies every outgoing activity before it fills in where it goes; this one is copied
    at the top only (that is all botbuilder changes: it replaces whole fields, and a card is
    never changed after it is built), which saves walking the card and every empty field."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _BuiltToSend:
        return copy.copy(self)


def card_message(card: dict[str, Any]) -> Activity:
    """What MessageFactory.attachment(CardFactory.adaptive_card(card)) makes."""
    return _BuiltToSend(
        type=ActivityTypes.message,
        attachment_layout=AttachmentLayoutTypes.list,
        attachments=[CardFactory.adaptive_card(card)],
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
