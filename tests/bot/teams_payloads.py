"""Teams activities as the Teams documentation shows them, for replay through /api/messages.

Written from the examples on learn.microsoft.com (Microsoft Teams platform documentation):
- CE: bots/how-to/conversations/subscribe-to-conversation-events ("Conversation events in
  your Teams bot": conversationUpdate, messageReaction, installationUpdate, message edit,
  undelete and soft delete);
- ME: apps-in-teams-meetings/meeting-apps-apis ("Get meeting start or end events");
- FILES: bots/how-to/bots-filesv4 ("Send and receive files using bot": a file the user sends
  in personal chat).
Ids are shortened and the bot is the test bot; `serviceUrl` is set to the local connector
stand-in when a test replays them (`replay`). Nothing else is changed.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.bot.conftest import BOT_ID

TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
TEAM_ID = "19:efa9296d959346209fea44151c742e73@thread.skype"  # also the General channel
OTHER_CHANNEL_ID = "19:6d97d816470f481dbcda38244b98689a@thread.skype"
GROUP_CHAT_ID = "19:group-chat-3f2e@thread.v2"
PERSONAL_CHAT_ID = "a:17I0kl8EkpE1O9PH5TWrzrLqwnbyZ7T7tpeQSdd2bn3yVdZ"
USER_ID = "29:1I9Is_Sx0OIy2rQ7Xz1lcaPKlO9eqmBRTBuW6XzXXXXXXXXMij8BVMdBcL9L_RwWNJyAHFQb0"
USER_AAD_ID = "a0ad8f7e-6f3c-4e9e-9e8c-0c1a6f4d8b2e"
BOT = {"id": BOT_ID, "name": "Samenwerkwijzer"}
TEAM_CONVERSATION = {"isGroup": True, "conversationType": "channel", "id": TEAM_ID}


def _team_event(event_type: str, **fields: Any) -> dict[str, Any]:
    """CE, "Team ... events": conversationUpdate in the team's General channel."""
    return {
        "type": "conversationUpdate",
        "timestamp": "2017-02-23T19:34:07.478Z",
        "localTimestamp": "2017-02-23T12:34:07.478-07:00",
        "id": "f:dd6ec311",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/amer-client-ss.msg/",
        "from": {"id": USER_ID},
        "conversation": dict(TEAM_CONVERSATION),
        "recipient": dict(BOT),
        "channelData": {
            "team": {"id": TEAM_ID, "name": "Governancenetwerk", "aadGroupId": "group-1"},
            "eventType": event_type,
            "tenant": {"id": TENANT_ID},
        },
        **fields,
    }


PAYLOADS: dict[str, dict[str, Any]] = {
    # CE, "Team members added": the bot added to a team.
    "bot added to team": _team_event("teamMemberAdded", membersAdded=[dict(BOT)]),
    # CE, "Team members removed": the bot removed from a team.
    "bot removed from team": _team_event("teamMemberRemoved", membersRemoved=[dict(BOT)]),
    # CE, "Team members added" / "removed" for a person.
    "member added to team": _team_event("teamMemberAdded", membersAdded=[{"id": "29:bram"}]),
    "member removed from team": _team_event(
        "teamMemberRemoved", membersRemoved=[{"id": "29:bram"}]
    ),
    # CE, "Team deleted", "Team hard deleted", "Team restored", "Team archived",
    # "Team unarchived", "Team renamed".
    "team deleted": _team_event("teamDeleted"),
    "team hard deleted": _team_event("teamHardDeleted"),
    "team restored": _team_event("teamRestored"),
    "team archived": _team_event("teamArchived"),
    "team unarchived": _team_event("teamUnarchived"),
    "team renamed": _team_event("teamRenamed"),
    # CE, "Reactions": a like on one of the bot's messages in personal chat.
    "reaction added": {
        "reactionsAdded": [{"type": "like"}],
        "type": "messageReaction",
        "timestamp": "2017-10-16T18:45:41.943Z",
        "id": "f:9f78d1f3",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/amer-client-ss.msg/",
        "from": {"id": USER_ID, "aadObjectId": USER_AAD_ID},
        "conversation": {"conversationType": "personal", "id": PERSONAL_CHAT_ID},
        "recipient": dict(BOT),
        "channelData": {"tenant": {"id": TENANT_ID}},
        "replyToId": "1508179512050",
    },
    # CE, "Install update event": the app installed in personal chat.
    "installed in personal chat": {
        "action": "add",
        "type": "installationUpdate",
        "timestamp": "2020-06-26T21:37:36.3453869Z",
        "id": "f:6197e1d1",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/amer/",
        "from": {"id": USER_ID, "aadObjectId": USER_AAD_ID},
        "conversation": {
            "conversationType": "personal",
            "tenantId": TENANT_ID,
            "id": PERSONAL_CHAT_ID,
        },
        "recipient": dict(BOT),
        "entities": [
            {
                "locale": "en-US",
                "country": "US",
                "platform": "Web",
                "timezone": "America/Los_Angeles",
                "type": "clientInfo",
            }
        ],
        "channelData": {"tenant": {"id": TENANT_ID}, "source": {"name": "message"}},
        "locale": "en-US",
    },
    # CE, "Uninstall event" (personal scope, the same shape with action remove).
    "uninstalled from personal chat": {},  # filled below
    # CE, "Edit message event".
    "message edited": {
        "text": "Edited message",
        "type": "messageUpdate",
        "timestamp": "2022-10-28T17:19:39.4615413Z",
        "id": "1666977568748",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/amer/",
        "from": {"id": USER_ID, "aadObjectId": USER_AAD_ID},
        "conversation": {
            "conversationType": "personal",
            "tenantId": TENANT_ID,
            "id": PERSONAL_CHAT_ID,
        },
        "recipient": dict(BOT),
        "entities": [{"locale": "en-US", "platform": "Web", "type": "clientInfo"}],
        "channelData": {"tenant": {"id": TENANT_ID}, "eventType": "editMessage"},
        "locale": "en-US",
    },
    # CE, "Soft delete message event".
    "message deleted": {
        "type": "messageDelete",
        "timestamp": "2022-10-28T17:19:43.1612052Z",
        "id": "1666977568748",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/amer/",
        "from": {"id": USER_ID, "aadObjectId": USER_AAD_ID},
        "conversation": {
            "conversationType": "personal",
            "tenantId": TENANT_ID,
            "id": PERSONAL_CHAT_ID,
        },
        "recipient": dict(BOT),
        "entities": [{"locale": "en-US", "platform": "Web", "type": "clientInfo"}],
        "channelData": {"tenant": {"id": TENANT_ID}, "eventType": "softDeleteMessage"},
        "locale": "en-US",
    },
    # ME, "Meeting start event".
    "meeting started": {
        "name": "application/vnd.microsoft.meetingStart",
        "type": "event",
        "timestamp": "2023-02-23T19:34:07.478Z",
        "id": "f:meeting-start-1",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/amer/",
        "from": {"id": USER_ID, "aadObjectId": USER_AAD_ID},
        "conversation": {
            "isGroup": True,
            "conversationType": "groupChat",
            "tenantId": TENANT_ID,
            "id": GROUP_CHAT_ID,
        },
        "recipient": dict(BOT),
        "value": {
            "Id": "MCMxOTptZWV0aW5n",
            "MeetingType": "Scheduled",
            "JoinUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting",
            "Title": "Overleg regio",
            "StartTime": "2023-02-23T19:34:07.478Z",
        },
        "channelData": {"tenant": {"id": TENANT_ID}, "meeting": {"id": "MCMxOTptZWV0aW5n"}},
        "locale": "en-US",
    },
    # FILES, "Receive files in personal chat": a file the user sent, no text.
    "file sent in personal chat": {
        "type": "message",
        "timestamp": "2023-03-01T10:00:00.000Z",
        "id": "1677664800000",
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/amer/",
        "from": {"id": USER_ID, "aadObjectId": USER_AAD_ID},
        "conversation": {
            "conversationType": "personal",
            "tenantId": TENANT_ID,
            "id": PERSONAL_CHAT_ID,
        },
        "recipient": dict(BOT),
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.teams.file.download.info",
                "contentUrl": "https://contoso.sharepoint.com/personal/anna/Documents/a.txt",
                "name": "convenant.txt",
                "content": {
                    "downloadUrl": "https://download.example/a.txt",
                    "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                    "fileType": "txt",
                },
            }
        ],
        "channelData": {"tenant": {"id": TENANT_ID}},
        "locale": "nl-NL",
    },
}

PAYLOADS["uninstalled from personal chat"] = {
    **copy.deepcopy(PAYLOADS["installed in personal chat"]),
    "action": "remove",
    "id": "f:6197e1d2",
}
# CE, "Channel created" / "Channel deleted" / "Channel restored" / "Channel renamed".
for _name, _event in (
    ("channel created", "channelCreated"),
    ("channel renamed", "channelRenamed"),
    ("channel deleted", "channelDeleted"),
    ("channel restored", "channelRestored"),
):
    PAYLOADS[_name] = _team_event(_event)
    PAYLOADS[_name]["channelData"]["channel"] = {"id": OTHER_CHANNEL_ID, "name": "Digest"}
# The bot removed from a personal chat (conversationUpdate; CE "Team members removed", the
# same shape in personal scope) and from a group chat.
PAYLOADS["bot removed from personal chat"] = {
    **copy.deepcopy(PAYLOADS["installed in personal chat"]),
    "type": "conversationUpdate",
    "membersRemoved": [dict(BOT)],
}
del PAYLOADS["bot removed from personal chat"]["action"]
PAYLOADS["bot removed from group chat"] = {
    **copy.deepcopy(PAYLOADS["meeting started"]),
    "type": "conversationUpdate",
    "membersRemoved": [dict(BOT)],
}
for _key in ("name", "value"):
    del PAYLOADS["bot removed from group chat"][_key]
PAYLOADS["bot added to group chat"] = {
    **copy.deepcopy(PAYLOADS["bot removed from group chat"]),
    "membersAdded": [dict(BOT)],
}
del PAYLOADS["bot added to group chat"]["membersRemoved"]


def replay(payload: str, service_url: str, **changes: Any) -> dict[str, Any]:
    """A copy of the payload addressed to the local connector stand-in."""
    activity = copy.deepcopy(PAYLOADS[payload])
    activity["serviceUrl"] = service_url
    activity.update(changes)
    return activity
