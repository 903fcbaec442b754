"""Reading what Teams sent: the text without the bot's @mention, and whom a reference reaches."""

from __future__ import annotations

import re

from botbuilder.schema import Activity

_LEADING_MENTION = re.compile(r"^\s*<at>[^<]*</at>", re.IGNORECASE)


def strip_bot_mention(activity: Activity) -> str:
    """The message text without the bot's @mention (channels and group chats)."""
    text = activity.text or ""
    bot_id = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        properties = getattr(entity, "additional_properties", None) or {}
        mentioned = properties.get("mentioned") or {}
        if (
            entity.type == "mention"
            and isinstance(mentioned, dict)
            and mentioned.get("id") == bot_id
        ):
            mention_text = properties.get("text")
            if isinstance(mention_text, str):
                text = text.replace(mention_text, " ")
    return " ".join(_LEADING_MENTION.sub(" ", text).split())


def reference_key(activity: Activity) -> tuple[str, str, str | None]:
    """A personal chat is found by its user, a channel or group chat by its conversation."""
    kind = activity.conversation.conversation_type or "personal"
    if kind == "personal":
        account = activity.from_property
        user_id = str(account.aad_object_id or account.id)
        return f"user:{user_id}", kind, user_id
    return f"conversation:{activity.conversation.id}", kind, None


def channel_of(activity: Activity) -> str:
    """The Teams channel a message came from (a thread's conversation id carries
    ';messageid=…'); for other conversations the conversation id."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    channel = data.get("channel")
    found = channel.get("id") if isinstance(channel, dict) else None
    if isinstance(found, str) and found:
        return found
    return str(activity.conversation.id).split(";")[0]


def team_of(activity: Activity) -> str | None:
    """The Teams team a channel message came from, if Teams says so."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    team = data.get("team")
    found = team.get("id") if isinstance(team, dict) else None
    return found if isinstance(found, str) and found else None
