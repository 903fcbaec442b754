"""Asking Teams about the person behind a message: whether they own the team."""

from __future__ import annotations

import logging

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo

log = logging.getLogger(__name__)


async def is_team_owner(context: TurnContext) -> bool:
    """True when Teams reports the sender as an owner of the team the message came from;
    False when not, outside a team, or when Teams cannot be asked."""
    sender_id = context.activity.from_property.id if context.activity.from_property else None
    if not sender_id or not TeamsInfo.get_team_id(context):
        return False
    try:
        member = await TeamsInfo.get_member(context, sender_id)
    except Exception as error:  # the connector may refuse or be slow: then no owner rights
        log.warning("team member look-up failed: %s", type(error).__name__)
        return False
    return str(getattr(member, "user_role", "") or "").lower() == "owner"
