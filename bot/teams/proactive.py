"""Proactive messages to Teams: paced below Teams' limits, retried where that helps.

Teams allows a bot a few messages per second per conversation and a bounded rate per app;
429 answers say when to come back (Retry-After). A 403 or 404 means the user removed the
app or the conversation is gone: retrying would only add to a storm, so the caller is told
the conversation is unreachable.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import aiohttp
from botbuilder.core import TurnContext
from botbuilder.schema import ConversationReference

from bot.teams.connector import ConnectorError, TeamsAdapter
from bot.teams.replies import card_message

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]


class Delivery(Enum):
    SENT = "sent"
    UNREACHABLE = "unreachable"  # 403/404: the app was removed or the chat is gone
    FAILED = "failed"  # still failing after the retries


@dataclass(frozen=True)
class Outcome:
    delivery: Delivery
    reasons: tuple[str, ...] = ()  # per failed attempt: a status or a connection error
    activity_id: str | None = None  # of the sent message, when the connector gave one
    worth_retrying: bool = False  # failed on throttling or an outage, not on the message


def failure_reason(error: Exception) -> str:
    """What went wrong with a send, without anything of the message or the answer's body."""
    if isinstance(error, ConnectorError):
        return f"connector answered {error.status}"
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, aiohttp.ClientConnectorError):
        return f"cannot connect to {error.host}:{error.port} ({error.os_error.strerror or error})"
    return f"{type(error).__name__}: {str(error)[:120]}"


@dataclass(frozen=True)
class Pacing:
    per_conversation_seconds: float = 1.0  # at most one message a second per conversation
    per_app_per_second: float = 20.0  # well below Teams' per-app limit
    max_attempts: int = 4
    base_backoff_seconds: float = 1.0
    max_wait_seconds: float = 60.0


DEFAULT_PACING = Pacing()


class Pacer:
    """Spaces sends: globally by rate, and per conversation by a minimum interval."""

    def __init__(self, pacing: Pacing, sleep: Sleep = asyncio.sleep) -> None:
        self._pacing = pacing
        self._sleep = sleep
        self._next_global = 0.0
        self._next_by_conversation: dict[str, float] = {}

    async def wait_turn(self, conversation_id: str) -> None:
        now = time.monotonic()
        app_slot = max(now, self._next_global)
        self._next_global = app_slot + 1 / self._pacing.per_app_per_second
        conversation_slot = self._next_by_conversation.get(conversation_id, 0.0)
        ready = max(app_slot, conversation_slot)
        self._next_by_conversation[conversation_id] = ready + self._pacing.per_conversation_seconds
        if ready > now:
            await self._sleep(ready - now)


class ProactiveSender:
    def __init__(
        self,
        adapter: TeamsAdapter,
        app_id: str,
        pacing: Pacing = DEFAULT_PACING,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._adapter = adapter
        self._app_id = app_id or None
        self._pacing = pacing
        self._pacer = Pacer(pacing, sleep)
        self._sleep = sleep

    async def send_card(self, reference: dict[str, Any], card: dict[str, Any]) -> Delivery:
        """Send one card into the referenced conversation, with paced, bounded retries."""
        return (await self.deliver(reference, card)).delivery

    async def deliver(
        self, reference: dict[str, Any], card: dict[str, Any], reply_to: str | None = None
    ) -> Outcome:
        """As send_card, with why each failed attempt failed (status or connection error) and
        the sent activity's id (to update the card later); with `reply_to`, as a reply to that
        message (in a channel: in its thread)."""
        sent: list[str | None] = []

        async def post(context: TurnContext) -> None:
            # A new message, not a reply to the made-up continuation activity (in a channel
            # a reply would go into a thread that does not exist).
            context.activity.id = reply_to
            response = await context.send_activity(card_message(card))
            sent.append(getattr(response, "id", None))

        outcome = await self._deliver(reference, post)
        if outcome.delivery is Delivery.SENT and sent:
            return Outcome(outcome.delivery, outcome.reasons, sent[-1])
        return outcome

    async def update_card(
        self, reference: dict[str, Any], activity_id: str, card: dict[str, Any]
    ) -> Delivery:
        """Show `card` in place of the sent activity `activity_id` (an update in place)."""

        async def update(context: TurnContext) -> None:
            activity = card_message(card)
            activity.id = activity_id
            await context.update_activity(activity)

        return (await self._deliver(reference, update)).delivery

    async def _deliver(
        self, reference: dict[str, Any], operation: Callable[[TurnContext], Awaitable[None]]
    ) -> Outcome:
        conversation = ConversationReference().deserialize(reference)
        reasons: list[str] = []
        retryable = False
        attempts = self._pacing.max_attempts
        for attempt in range(1, attempts + 1):
            await self._pacer.wait_turn(conversation.conversation.id)
            error = await self._try_once(conversation, operation)
            if error is None:
                return Outcome(Delivery.SENT, tuple(reasons))
            reasons.append(failure_reason(error))
            log.warning(
                "proactive send failed (attempt %d of %d): %s", attempt, attempts, reasons[-1]
            )
            if isinstance(error, ConnectorError) and error.status in (403, 404):
                return Outcome(Delivery.UNREACHABLE, tuple(reasons))
            retryable = (
                not isinstance(error, ConnectorError) or error.status == 429 or error.status >= 500
            )
            if not retryable or attempt == attempts:
                break
            await self._sleep(self._wait_before_retry(error, attempt))
        return Outcome(Delivery.FAILED, tuple(reasons), worth_retrying=retryable)

    async def _try_once(
        self,
        reference: ConversationReference,
        operation: Callable[[TurnContext], Awaitable[None]],
    ) -> Exception | None:
        failure: list[Exception] = []

        async def send(context: TurnContext) -> None:
            # Caught here: botbuilder would hand it to the turn-error handler, which replies.
            try:
                await operation(context)
            except Exception as error:  # every failure is judged by the caller
                failure.append(error)

        await self._adapter.continue_conversation(reference, send, bot_app_id=self._app_id)
        return failure[0] if failure else None

    def _wait_before_retry(self, error: Exception, attempt: int) -> float:
        """Retry-After when Teams gives it, else exponential backoff with full jitter."""
        retry_after = error.retry_after if isinstance(error, ConnectorError) else None
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self._pacing.max_wait_seconds)
        ceiling = self._pacing.base_backoff_seconds * 2 ** (attempt - 1)
        return min(random.uniform(0, ceiling), self._pacing.max_wait_seconds)
