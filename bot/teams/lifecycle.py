"""What a Teams event means for the stored conversation references.

Teams tells the bot where it lives through several activities, in no fixed order: removing
the app sends `installationUpdate` (action `remove`) and `conversationUpdate` with the bot in
`membersRemoved`, either first. Neither may bring a reference back; only something that shows
the bot is there again does: a message, the bot (re-)added or (re-)installed, a team restored
or unarchived. A team deleted or archived ends reachability of all its channels.

Sources: "Conversation events in your Teams bot" and "Send proactive messages"
(learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events,
.../send-proactive-messages).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ActivityTypes

from bot.teams import wire

REFERENCE_KINDS = ("personal", "channel", "groupChat")  # the conversation types stored


class ReferenceRepository(Protocol):
    """What this module needs of the store (bot.store.references implements it)."""

    async def save(
        self,
        key: str,
        kind: str,
        user_id: str | None,
        reference: dict[str, Any],
        at: datetime,
        *,
        activate: bool = True,
    ) -> None: ...

    async def get(self, key: str) -> tuple[dict[str, Any], bool] | None: ...

    async def deactivate(self, key: str, at: datetime) -> None: ...

    async def deactivate_conversation(self, conversation_id: str, at: datetime) -> int: ...

    async def activate(self, key: str, at: datetime) -> int: ...

    async def set_team_active(self, team_id: str, active: bool, at: datetime) -> int: ...


log = logging.getLogger(__name__)

_INSTALLED = ("add", "add-upgrade")
_UNINSTALLED = ("remove", "remove-upgrade")
_TEAM_GONE = ("teamDeleted", "teamHardDeleted", "teamArchived")
_TEAM_BACK = ("teamRestored", "teamUnarchived")


class Change(Enum):
    SAVE = "save"  # store the reference, active: the bot is there
    REFRESH = "refresh"  # store a new one; a known one keeps its state
    DEACTIVATE = "deactivate"  # the bot was removed from this conversation
    TEAM_GONE = "team gone"  # every channel of the team unreachable
    TEAM_BACK = "team back"  # every channel of the team reachable again, this one stored
    CHANNEL_GONE = "channel gone"
    CHANNEL_BACK = "channel back"
    IGNORE = "ignore"


@dataclass(frozen=True)
class Where:
    """The key, kind and user of the conversation an activity belongs to."""

    key: str
    kind: str
    user_id: str | None
    team_id: str | None
    channel_id: str | None


def decide(activity: Activity) -> Change:
    """What this activity says about where the bot can reach people."""
    kind = activity.type
    if kind == ActivityTypes.message:
        return Change.SAVE
    if kind == ActivityTypes.installation_update:
        action = (activity.action or "").lower()
        if action in _INSTALLED:
            return Change.SAVE
        return Change.DEACTIVATE if action in _UNINSTALLED else Change.IGNORE
    if kind != ActivityTypes.conversation_update:
        return Change.IGNORE  # reactions, edits, deletes, meeting events, invokes, typing
    bot_id = activity.recipient.id if activity.recipient else None
    if any(member.id == bot_id for member in activity.members_removed or []):
        return Change.DEACTIVATE
    if any(member.id == bot_id for member in activity.members_added or []):
        return Change.SAVE
    event = _channel_data(activity).get("eventType")
    if event in _TEAM_GONE:
        return Change.TEAM_GONE
    if event in _TEAM_BACK:
        return Change.TEAM_BACK
    if event == "channelDeleted":
        return Change.CHANNEL_GONE
    if event == "channelRestored":
        return Change.CHANNEL_BACK
    return Change.REFRESH  # other members, channels created or renamed, a team renamed


async def follow(activity: Activity, references: ReferenceRepository, now: datetime) -> Change:
    """Apply what the activity means to the stored references; returns the decision."""
    change = decide(activity)
    if change is Change.IGNORE:
        return change
    where = where_of(activity)
    if where is None:
        log.info("activity from a conversation of unknown kind: references unchanged")
        return Change.IGNORE
    if change in (Change.DEACTIVATE, Change.TEAM_GONE):
        await references.deactivate(where.key, now)
        if activity.conversation.id:  # an event without the aadObjectId the message had
            await references.deactivate_conversation(
                _channel_conversation(activity.conversation.id, where.kind), now
            )
        if where.team_id:  # the bot left the team, or the team went: none of its channels
            await references.set_team_active(where.team_id, False, now)
    elif change in (Change.CHANNEL_GONE, Change.CHANNEL_BACK):
        if where.channel_id:
            key = _conversation_key(where.channel_id)
            if change is Change.CHANNEL_GONE:
                await references.deactivate(key, now)
            else:
                await references.activate(key, now)
    else:
        reference = reference_of(activity, where)
        activate = change is not Change.REFRESH
        if not await _stored_already(references, where.key, reference, activate):
            await references.save(
                where.key, where.kind, where.user_id, reference, now, activate=activate
            )
        team_back = change is Change.TEAM_BACK or _is_bot_added(activity)
        if team_back and where.team_id:
            await references.set_team_active(where.team_id, True, now)
    log.info("conversation reference %s", change.value, extra={"kind": where.kind})
    return change


def where_of(activity: Activity) -> Where | None:
    """A personal chat is found by its user, a channel or group chat by its conversation."""
    conversation = activity.conversation
    kind = (conversation.conversation_type if conversation else None) or "personal"
    if kind not in REFERENCE_KINDS:
        return None
    channel_data = _channel_data(activity)
    team = channel_data.get("team")
    team_id = team.get("id") if isinstance(team, dict) else None
    channel = channel_data.get("channel")
    channel_id = channel.get("id") if isinstance(channel, dict) else None
    if kind == "personal":
        account = activity.from_property
        user_id = str(account.aad_object_id or account.id or "")
        return Where(f"user:{user_id}", kind, user_id, None, None) if user_id else None
    conversation_id = _channel_conversation(conversation.id or "", kind)
    if not conversation_id:
        return None
    return Where(
        _conversation_key(conversation_id),
        kind,
        None,
        team_id if isinstance(team_id, str) and team_id else None,
        channel_id if isinstance(channel_id, str) and channel_id else None,
    )


def reference_of(activity: Activity, where: Where) -> dict[str, Any]:
    """The serialised reference; a channel's without anyone's name, with its team."""
    reference = wire.serialize(TurnContext.get_conversation_reference(activity))
    if where.user_id is None:
        reference.pop("user", None)
        conversation = dict(reference.get("conversation") or {})
        if "id" in conversation:
            conversation["id"] = _channel_conversation(conversation["id"], where.kind)
        reference["conversation"] = conversation
    reference.pop("activityId", None)  # a later message starts a new thread, not a reply
    if where.team_id:
        reference["teamId"] = where.team_id
    return reference


async def _stored_already(
    references: ReferenceRepository, key: str, reference: dict[str, Any], activate: bool
) -> bool:
    """Saving would change nothing but the row's time: the same reference is stored, active
    when this event shows the bot is there. Checked in the database, not remembered: a
    reminder refused by Teams, another instance or "verwijder mijn gegevens" may have
    changed the row since this process last saved it."""
    stored = await references.get(key)
    return stored is not None and stored[0] == reference and (stored[1] or not activate)


def _is_bot_added(activity: Activity) -> bool:
    bot_id = activity.recipient.id if activity.recipient else None
    return activity.type == ActivityTypes.installation_update or any(
        member.id == bot_id for member in activity.members_added or []
    )


def _channel_conversation(conversation_id: str, kind: str) -> str:
    """A reply in a channel thread comes from `<channel>;messageid=<thread>`: the channel
    is what the bot can post in later."""
    return conversation_id.split(";messageid=")[0] if kind == "channel" else conversation_id


def _conversation_key(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


def _channel_data(activity: Activity) -> dict[str, Any]:
    data = activity.channel_data
    return data if isinstance(data, dict) else {}
