"""One time budget per turn, shared by every send of that turn.

Teams waits 15 seconds for the HTTP answer to an activity. A connector that accepts the
connection and never answers would otherwise hold a turn for one full send timeout per
message (and once more for the apology). The web handler opens a budget when the request
arrives; every send of the turn gets only what is left of it, and the turn-error handler
does not try an apology when too little is left.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Iterator

TURN_SECONDS = 12.0  # all sends of one turn, lock waiting included
SAFETY_SECONDS = 14.0  # the HTTP answer goes out by then, whatever still runs
MIN_APOLOGY_SECONDS = 1.0

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "turn_deadline", default=None
)


class BudgetSpent(TimeoutError):
    """The turn has no time left for another send."""


@contextlib.contextmanager
def turn_budget(seconds: float | None = None) -> Iterator[None]:
    """Sends inside share `seconds` (TURN_SECONDS) from now."""
    limit = TURN_SECONDS if seconds is None else seconds
    token = _deadline.set(asyncio.get_running_loop().time() + limit)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining() -> float | None:
    """Seconds left in this turn's budget; None outside a turn (proactive sends)."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    return deadline - asyncio.get_running_loop().time()


def send_timeout(own_limit: float) -> float:
    """The time one send may take: its own limit, cut to what the turn has left."""
    left = remaining()
    if left is None:
        return own_limit
    if left <= 0:
        raise BudgetSpent("the turn's time for sending is spent")
    return min(own_limit, left)
