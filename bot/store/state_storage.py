"""Bot Framework state storage on the database: plain JSON with optimistic concurrency.

The dialog stack of botbuilder-dialogs is stored as tagged JSON (see state_codec.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from botbuilder.core import Storage

from bot.store.database import Database, utc_text
from bot.store.state_codec import decode, encode

ETAG_KEY = "e_tag"
ANY_ETAG = "*"


class SqlStateStorage(Storage):  # type: ignore[misc]
    """`read` adds the current etag as `e_tag`; `write` refuses a stale one with `KeyError`."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self._db = db
        self._clock = clock  # updated_at: the retention purge forgets what is untouched

    async def read(self, keys: Iterable[str]) -> dict[str, object]:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        rows = await self._db.query(
            f"SELECT key, etag, data FROM state WHERE key IN ({', '.join('?' * len(wanted))})",
            wanted,
        )
        return {
            row["key"]: {**json.loads(row["data"], object_hook=decode), ETAG_KEY: row["etag"]}
            for row in rows
        }

    async def write(self, changes: dict[str, object]) -> None:
        # Serialise everything before taking the write lock; the batch is all or nothing.
        batch = [(key, *_prepare(key, value)) for key, value in changes.items()]
        if not batch:
            return
        now = utc_text(self._clock(), "state update time")
        async with self._db.transaction() as transaction:
            for key, expected, data in batch:
                etag = uuid.uuid4().hex
                if expected in (None, ANY_ETAG):
                    await transaction.execute(
                        "INSERT INTO state (key, etag, data, updated_at) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (key) DO UPDATE SET etag = excluded.etag,"
                        " data = excluded.data, updated_at = excluded.updated_at",
                        (key, etag, data, now),
                    )
                elif not await transaction.execute(
                    # Conditional, so that two instances writing at once cannot both win.
                    "UPDATE state SET etag = ?, data = ?, updated_at = ?"
                    " WHERE key = ? AND etag = ?",
                    (etag, data, now, key, expected),
                ):
                    raise KeyError(f"etag conflict: state for '{key}' changed since it was read")

    async def delete(self, keys: Iterable[str]) -> None:
        unique = list(dict.fromkeys(keys))
        if unique:
            await self._db.execute(
                f"DELETE FROM state WHERE key IN ({', '.join('?' * len(unique))})", unique
            )


def _prepare(key: str, value: object) -> tuple[object, str]:
    """The etag the caller expects, and the value as JSON without it."""
    if not isinstance(value, dict):
        raise TypeError(f"state for '{key}' must be a dict")
    try:
        data = json.dumps(
            {name: item for name, item in value.items() if name != ETAG_KEY},
            ensure_ascii=False,
            allow_nan=False,
            default=encode,
        )
    except (TypeError, ValueError) as error:  # ValueError: NaN, infinity, circular reference
        raise TypeError(f"state for '{key}' is not plain JSON: {error}") from error
    return value.get(ETAG_KEY), data
