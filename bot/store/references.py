"""Where the bot can reach people and teams proactively: Bot Framework conversation references.

A reference is stored as the JSON of the serialized `ConversationReference` the caller
passes (a plain dict), keyed `user:<Entra object id>` for a personal chat and
`conversation:<conversation id>` for a channel or group chat. A channel's reference may carry
the `teamId` of its team, so that a team deleted, archived or restored changes all its
channels at once. One that Teams refused (403/404), or where the bot was removed, is kept but
inactive until the bot is back there (bot/teams/lifecycle.py decides when).

"Delete my data": `forget_user` deletes the person's personal reference.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, get_args

from bot.domain.register import Person
from bot.store.database import Database, utc_text

ReferenceKind = Literal["personal", "channel", "groupChat"]
REFERENCE_KINDS: tuple[ReferenceKind, ...] = get_args(ReferenceKind)
_BATCH = 500  # ids per query, well below SQLite's limit on parameters


def personal_key(user_id: str) -> str:
    return f"user:{user_id}"


def conversation_key(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


class ReferenceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(
        self,
        key: str,
        kind: str,
        user_id: str | None,
        reference: dict[str, Any],
        at: datetime,
        *,
        activate: bool = True,
    ) -> None:
        """Store or replace the reference under `key`, active again; with `activate=False`
        a new one is stored active but a known one keeps its state (an event that does not
        prove the bot is there must not bring back a conversation that removed it)."""
        _check(key, kind, user_id)
        if not isinstance(reference, dict):
            raise TypeError("a conversation reference must be a dict")
        data = json.dumps(reference, ensure_ascii=False, allow_nan=False)
        active = "1" if activate else "conversation_references.active"
        await self._db.execute(
            "INSERT INTO conversation_references (key, kind, user_id, reference, active,"
            " updated_at) VALUES (?, ?, ?, ?, 1, ?)"
            " ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, user_id = excluded.user_id,"
            f" reference = excluded.reference, active = {active},"
            " updated_at = excluded.updated_at",
            (key, kind, user_id, data, utc_text(at, "reference update time")),
        )

    async def personal(self, user_id: str) -> dict[str, Any] | None:
        """The person's personal chat, if the bot can reach them there."""
        found = await self.get(personal_key(user_id))
        return found[0] if found is not None and found[1] else None

    async def people_named(self, typed: str) -> list[Person]:
        """People who have the app in their personal chat and whose name contains `typed`."""
        wanted = typed.strip().lower()
        rows = await self._db.query(
            "SELECT user_id, reference FROM conversation_references"
            " WHERE kind = 'personal' AND active = 1"
            f" AND {self._db.dialect.contains('lower(reference)', '?')} ORDER BY key",
            (wanted,),
        )
        people = []
        for row in rows:
            user = json.loads(row["reference"]).get("user") or {}
            name = user.get("name") if isinstance(user, dict) else None
            if isinstance(name, str) and wanted in name.lower():
                people.append(Person(row["user_id"], name))
        return people

    async def get(self, key: str) -> tuple[dict[str, Any], bool] | None:
        """(reference, active), or None if there is none."""
        rows = await self._db.query(
            "SELECT reference, active FROM conversation_references WHERE key = ?", (key,)
        )
        if not rows:
            return None
        reference: dict[str, Any] = json.loads(rows[0]["reference"])
        return reference, bool(rows[0]["active"])

    async def deactivate(self, key: str, at: datetime) -> None:
        """Teams refused to deliver there; an unknown key is left alone."""
        await self._db.execute(
            "UPDATE conversation_references SET active = 0, updated_at = ? WHERE key = ?",
            (utc_text(at, "reference update time"), key),
        )

    async def deactivate_conversation(self, conversation_id: str, at: datetime) -> int:
        """Every reference into this conversation, whatever its key (an event may name the
        person by another id than the message the reference came from)."""
        return await self._db.execute(
            "UPDATE conversation_references SET active = 0, updated_at = ?"
            " WHERE active = 1 AND"
            f" {self._db.dialect.json_text('reference', 'conversation', 'id')} = ?",
            (utc_text(at, "reference update time"), conversation_id),
        )

    async def activate(self, key: str, at: datetime) -> int:
        """The bot is back there; returns the number changed (0 for an unknown key)."""
        return await self._db.execute(
            "UPDATE conversation_references SET active = 1, updated_at = ?"
            " WHERE key = ? AND active = 0",
            (utc_text(at, "reference update time"), key),
        )

    async def set_team_active(self, team_id: str, active: bool, at: datetime) -> int:
        """Every channel of the team (and the team's own conversation) on or off; returns
        the number changed."""
        if not team_id:
            raise ValueError("team id must not be empty")
        return await self._db.execute(
            "UPDATE conversation_references SET active = ?, updated_at = ?"
            " WHERE kind = 'channel' AND active != ?"
            f" AND (key = ? OR {self._db.dialect.json_text('reference', 'teamId')} = ?)",
            (
                int(active),
                utc_text(at, "reference update time"),
                int(active),
                conversation_key(team_id),
                team_id,
            ),
        )

    async def reachable(self, user_ids: Iterable[str]) -> set[str]:
        """Those of the people with an active personal reference."""
        wanted = list(dict.fromkeys(user_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            rows = await self._db.query(
                "SELECT user_id FROM conversation_references"
                " WHERE kind = 'personal' AND active = 1"
                f" AND user_id IN ({', '.join('?' * len(batch))})",
                batch,
            )
            found.update(row[0] for row in rows)
        return found

    async def forget_user(self, user_id: str) -> int:
        """Delete the person's personal reference; returns the number deleted."""
        if not user_id:
            raise ValueError("user id must not be empty")
        return await self._db.execute(
            "DELETE FROM conversation_references WHERE kind = 'personal' AND user_id = ?",
            (user_id,),
        )


def _check(key: str, kind: str, user_id: str | None) -> None:
    if kind not in REFERENCE_KINDS:
        raise ValueError(f"unknown conversation kind {kind!r}")
    if kind == "personal":
        if not user_id or key != personal_key(user_id):
            raise ValueError("a personal reference needs a user id and key 'user:<user id>'")
    elif not key.startswith(conversation_key("")) or key == conversation_key(""):
        raise ValueError(f"a {kind} reference needs key 'conversation:<conversation id>'")
