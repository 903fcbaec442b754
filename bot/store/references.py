"""Where the bot can reach people and teams proactively: Bot Framework conversation references.

A reference is stored as the JSON of the serialized `ConversationReference` the caller
passes (a plain dict), keyed `user:<Entra object id>` for a personal chat and
`conversation:<conversation id>` for a channel or group chat. One that Teams refused
(403/404: the app was removed) is kept but inactive until the person talks to the bot again.

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

    def save(
        self,
        key: str,
        kind: str,
        user_id: str | None,
        reference: dict[str, Any],
        at: datetime,
    ) -> None:
        """Store or replace the reference under `key`, active again."""
        _check(key, kind, user_id)
        if not isinstance(reference, dict):
            raise TypeError("a conversation reference must be a dict")
        data = json.dumps(reference, ensure_ascii=False, allow_nan=False)
        self._db.execute(
            "INSERT INTO conversation_references (key, kind, user_id, reference, active,"
            " updated_at) VALUES (?, ?, ?, ?, 1, ?)"
            " ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, user_id = excluded.user_id,"
            " reference = excluded.reference, active = 1, updated_at = excluded.updated_at",
            (key, kind, user_id, data, utc_text(at, "reference update time")),
        )

    def personal(self, user_id: str) -> dict[str, Any] | None:
        """The person's personal chat, if the bot can reach them there."""
        found = self.get(personal_key(user_id))
        return found[0] if found is not None and found[1] else None

    def people_named(self, typed: str) -> list[Person]:
        """People who have the app in their personal chat and whose name contains `typed`."""
        wanted = typed.strip().lower()
        rows = self._db.query(
            "SELECT user_id, reference FROM conversation_references"
            " WHERE kind = 'personal' AND active = 1 AND instr(lower(reference), ?) > 0",
            (wanted,),
        )
        people = []
        for row in rows:
            user = json.loads(row["reference"]).get("user") or {}
            name = user.get("name") if isinstance(user, dict) else None
            if isinstance(name, str) and wanted in name.lower():
                people.append(Person(row["user_id"], name))
        return people

    def get(self, key: str) -> tuple[dict[str, Any], bool] | None:
        """(reference, active), or None if there is none."""
        rows = self._db.query(
            "SELECT reference, active FROM conversation_references WHERE key = ?", (key,)
        )
        if not rows:
            return None
        reference: dict[str, Any] = json.loads(rows[0]["reference"])
        return reference, bool(rows[0]["active"])

    def deactivate(self, key: str, at: datetime) -> None:
        """Teams refused to deliver there; an unknown key is left alone."""
        self._db.execute(
            "UPDATE conversation_references SET active = 0, updated_at = ? WHERE key = ?",
            (utc_text(at, "reference update time"), key),
        )

    def reachable(self, user_ids: Iterable[str]) -> set[str]:
        """Those of the people with an active personal reference."""
        wanted = list(dict.fromkeys(user_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            rows = self._db.query(
                "SELECT user_id FROM conversation_references"
                " WHERE kind = 'personal' AND active = 1"
                f" AND user_id IN ({', '.join('?' * len(batch))})",
                batch,
            )
            found.update(row[0] for row in rows)
        return found

    def forget_user(self, user_id: str) -> int:
        """Delete the person's personal reference; returns the number deleted."""
        if not user_id:
            raise ValueError("user id must not be empty")
        return self._db.execute(
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
