"""Activities built to send: what botbuilder makes, and unchanged by being sent."""

from __future__ import annotations

import copy

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from bot.teams.replies import card_message

CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "x"}]}


def test_a_card_message_is_what_botbuilders_factories_make() -> None:
    made = card_message(CARD)
    assert (
        made.serialize() == MessageFactory.attachment(CardFactory.adaptive_card(CARD)).serialize()
    )
    assert made.attachments[0].content is CARD


def test_addressing_a_copy_as_botbuilder_does_leaves_the_message_as_it_was() -> None:
    message = card_message(CARD)
    before = message.serialize()
    incoming = Activity(
        id="m-1",
        channel_id="msteams",
        service_url="http://127.0.0.1:1/",
        from_property=ChannelAccount(id="29:anna"),
        recipient=ChannelAccount(id="28:bot"),
        conversation=ConversationAccount(id="a:1"),
    )
    sent = TurnContext.apply_conversation_reference(
        copy.deepcopy(message), TurnContext.get_conversation_reference(incoming)
    )
    sent.id, sent.input_hint = None, "acceptingInput"
    assert sent.reply_to_id == "m-1" and sent.recipient.id == "29:anna"
    assert message.serialize() == before
    assert sent.attachments[0].content == CARD
