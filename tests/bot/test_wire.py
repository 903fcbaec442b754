"""bot.teams.wire writes and reads exactly as msrest does, for every shape the bot meets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from azure.core.exceptions import DeserializationError
from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationAccount,
    Entity,
    Mention,
)
from botbuilder.schema.teams import TeamsChannelData, TenantInfo

from bot.teams import wire
from tests.bot.teams_payloads import PAYLOADS

CARD = {
    "type": "AdaptiveCard",
    "version": "1.5",
    "body": [{"type": "TextBlock", "text": "Welke vragen staan centraal?", "wrap": True}],
    "actions": [{"type": "Action.Submit", "title": "Nuttig", "data": {"action": "x", "n": 1}}],
}


def _incoming(**fields: Any) -> Activity:
    return Activity().deserialize(
        {
            "type": "message",
            "id": "m-1",
            "timestamp": "2026-11-23T10:00:00.1234567Z",
            "channelId": "msteams",
            "serviceUrl": "http://127.0.0.1:1/",
            "from": {"id": "29:anna", "name": "Anna", "aadObjectId": "aad-anna"},
            "recipient": {"id": "28:bot", "name": "Samenwerkwijzer"},
            "conversation": {"id": "a:1", "conversationType": "personal", "tenantId": "t"},
            "channelData": {"tenant": {"id": "t"}, "nested": [1, 2.5, None, True, {"a": None}]},
            "entities": [
                {"type": "mention", "text": "<at>Bot</at>", "mentioned": {"id": "28:bot"}}
            ],
            "locale": "nl-NL",
            "text": "moeten we een verwerkersovereenkomst afsluiten?",
            **fields,
        }
    )


def _outgoing() -> Activity:
    reply = MessageFactory.attachment(CardFactory.adaptive_card(CARD))
    reference = TurnContext.get_conversation_reference(_incoming())
    return TurnContext.apply_conversation_reference(reply, reference)


MODELS: dict[str, Any] = {  # msrest models
    **{name: Activity().deserialize(payload) for name, payload in PAYLOADS.items()},
    "incoming message": _incoming(),
    "incoming card submit": _incoming(value={"action": "feedback", "useful": True, "n": 3}),
    "outgoing card": _outgoing(),
    "typing": Activity(type=ActivityTypes.typing, recipient=ChannelAccount(id="29:anna")),
    "reference": TurnContext.get_conversation_reference(_incoming()),
    "enum in a str field": Activity(type=ActivityTypes.message, text_format="markdown"),
    "times with offsets": Activity(
        timestamp=datetime(2026, 11, 23, 10, 0, 0, 120000, tzinfo=UTC),
        local_timestamp=datetime(2026, 11, 23, 11, 0, tzinfo=timezone(timedelta(hours=1))),
    ),
    "empty nested models": Activity(from_property=ChannelAccount(), conversation=None),
    "list with a gap": Activity(entities=[Mention(text="x"), None, Entity(type="clientInfo")]),
    "teams channel data": TeamsChannelData(tenant=TenantInfo(id="t"), event_type="teamRenamed"),
    "unusual object value (msrest writes it)": Activity(value={"when": datetime(2026, 1, 1)}),
    "unusual key (msrest writes it)": Activity(channel_data={1: "one"}),
    "unusual str value (msrest writes it)": Activity(text=True),
    "empty strings and zero": Activity(text="", id="", importance="", members_added=[]),
    "model in an object field": Activity(value=ConversationAccount(id="c", is_group=False)),
    "conversation account": ConversationAccount(id="c", name="Kanaal", is_group=True),
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_serialize_writes_what_msrest_writes(name: str) -> None:
    assert wire.serialize(MODELS[name]) == MODELS[name].serialize()


def test_serialized_json_is_a_fresh_copy_the_caller_may_change() -> None:
    activity = _incoming()
    body = wire.serialize(activity)
    body["channelData"]["tenant"]["id"] = "changed"
    body["conversation"]["id"] = "changed"
    assert activity.channel_data["tenant"]["id"] == "t"
    assert activity.conversation.id == "a:1"


def _message(**fields: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "id": "m-1",
        "channelId": "msteams",
        "serviceUrl": "http://127.0.0.1:1/",
        "from": {"id": "29:anna", "name": "Anna", "aadObjectId": "aad-anna"},
        "recipient": {"id": "28:bot"},
        "conversation": {"id": "a:1", "conversationType": "personal"},
        "text": "hallo",
        **fields,
    }


BODIES: dict[str, dict[str, Any]] = {
    **PAYLOADS,
    "message": _message(),
    "card submit": _message(value={"action": "feedback", "useful": True, "n": [1, None]}),
    "mention": _message(
        entities=[{"type": "mention", "text": "<at>Bot</at>", "mentioned": {"id": "28:bot"}}]
    ),
    "seven-digit fraction and an offset": _message(
        timestamp="2026-11-23T10:00:00.1234567Z", localTimestamp="2026-11-23T11:00:00+01:00"
    ),
    "unknown keys, top and nested": _message(
        extra={"a": 1}, service_url="x", **{"from": {"id": "29:anna", "role2": "x"}}
    ),
    "empty lists and strings": _message(membersAdded=[], text="", attachments=[]),
    "list with a gap": _message(membersAdded=[{"id": "29:a"}, None]),
    "a number where a string belongs (msrest reads it)": _message(id=5, locale=1.5),
    "a string where a bool belongs (msrest reads it)": _message(
        conversation={"id": "a:1", "isGroup": "true"}
    ),
    "an int where a float belongs (msrest reads it)": _message(
        entities=[{"type": "GeoCoordinates", "latitude": 52}]
    ),
    "attachments": _message(
        attachments=[{"contentType": "text/html", "content": "<b>x</b>", "name": "a"}]
    ),
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_deserialize_reads_what_msrest_reads(name: str) -> None:
    fast, slow = wire.deserialize(Activity, BODIES[name]), Activity.deserialize(BODIES[name])
    assert fast == slow
    assert fast.serialize() == slow.serialize()
    assert fast.additional_properties == slow.additional_properties


@pytest.mark.parametrize(
    "fields",
    [
        {"timestamp": "gisteren"},
        {"membersAdded": "29:a"},
        {"attachments": {"contentType": "x"}},
        {"from": "anna"},
    ],
    ids=["bad date", "string for a list", "object for a list", "string for a model"],
)
def test_deserialize_refuses_what_msrest_refuses(fields: dict[str, Any]) -> None:
    with pytest.raises(DeserializationError):
        Activity.deserialize(_message(**fields))
    with pytest.raises(DeserializationError):
        wire.deserialize(Activity, _message(**fields))
