"""The aiohttp application: the Bot Framework endpoint, health checks and request hygiene."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from botbuilder.core import ConversationState, TurnContext
from botbuilder.schema import Activity, ActivityTypes

from bot import cards
from bot.cli.register_export import register_csv
from bot.conversation.bot import SamenwerkwijzerBot
from bot.domain.calendar import evaluation_calendar
from bot.domain.content import Content
from bot.domain.lexicon import everyday_words
from bot.domain.messages import Messages
from bot.services import (
    Clock,
    Services,
    build_services,
    calendar_signature,
    export_signature,
)
from bot.settings import Settings
from bot.store.database import Database, TurnLockUnavailable
from bot.teams import budget, wire
from bot.teams.activity_checks import BadActivity, check_activity, parse_body

log = logging.getLogger(__name__)

SERVICES = web.AppKey("services", Services)
SETTINGS = web.AppKey("settings", Settings)
CONTENT = web.AppKey("content", Content)
DATABASE = web.AppKey("database", Database)
ADAPTER: web.AppKey[Any] = web.AppKey("adapter")  # botbuilder is untyped
BOT = web.AppKey("bot", SamenwerkwijzerBot)


class ConversationTurns:
    """One turn at a time per conversation: two quick messages must not both read the same
    state and then clash when saving it (the second would lose an answer). Within this
    process an asyncio lock; across instances the database's lock (PostgreSQL)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiting: dict[str, int] = {}  # turns holding or waiting for each lock

    @contextlib.asynccontextmanager
    async def turn(self, conversation_id: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        self._waiting[conversation_id] = self._waiting.get(conversation_id, 0) + 1
        try:
            async with lock, self._database.conversation_turn(conversation_id):
                yield
        finally:
            self._waiting[conversation_id] -= 1
            if not self._waiting[conversation_id]:  # keep the maps as small as the traffic
                del self._waiting[conversation_id], self._locks[conversation_id]


TURNS = web.AppKey("turns", ConversationTurns)


def create_app(
    settings: Settings, *, database: Database | None = None, clock: Clock | None = None
) -> web.Application:
    """Everything the bot needs, built once; raises ContentError or ValueError on bad setup."""
    services = build_services(settings, database=database, clock=clock)
    services.adapter.on_turn_error = _turn_error_handler(
        services.conversation_state, services.content.messages
    )
    app = web.Application(client_max_size=settings.max_body_bytes)
    app[SERVICES] = services
    app[SETTINGS] = settings
    app[CONTENT] = services.content
    app[DATABASE] = services.database
    app[ADAPTER] = services.adapter
    app[BOT] = services.bot
    app[TURNS] = ConversationTurns(services.database)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/calendar/{partnership_id:[0-9]+}.ics", calendar)
    app.router.add_get("/export/samenwerkingen.csv", register_overview)
    app.cleanup_ctx.append(_load_word_lists)
    if settings.scheduler_interval_seconds:
        app.cleanup_ctx.append(_reminder_loop)
    app.on_cleanup.append(_close_connections)
    return app


async def messages(request: web.Request) -> web.Response:
    with budget.turn_budget():  # from the request's arrival: lock waiting counts too
        return await _messages(request)


async def _messages(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    try:
        body = await _read_activity(request, settings)
        activity = _deserialize(body)
    except BadActivity as error:
        return _problem(400, str(error))
    tenant = _tenant_of(body)
    if settings.allowed_tenant_ids and tenant not in settings.allowed_tenant_ids:
        log.warning("activity from a tenant that is not allowed refused", extra={"tenant": tenant})
        return _problem(403, "tenant not allowed")
    auth_header = request.headers.get("Authorization", "")
    try:
        async with asyncio.timeout(budget.SAFETY_SECONDS):
            invoke = await _run_turn(request, auth_header, activity, body["conversation"]["id"])
    except PermissionError:
        log.warning("request without a valid Bot Framework token refused")
        return _problem(401, "unauthorized")
    except TimeoutError:
        # Something other than a send hung (sends are bounded by the budget): Teams gets its
        # answer now; the turn's state was not saved, so nothing is half-done.
        reference = uuid.uuid4().hex[:8]
        log.error(
            "turn did not finish within %s s [%s]",
            budget.SAFETY_SECONDS,
            reference,
            extra={"activity_type": body["type"]},
        )
        if body["type"] == "invoke":
            return web.json_response(
                {"error": "the bot did not answer in time", "reference": reference}, status=504
            )
        return web.Response(status=202)
    if invoke is not None:
        return web.json_response(_plain(invoke.body), status=invoke.status)
    return web.Response(status=201)


async def _run_turn(
    request: web.Request, auth_header: str, activity: Activity, conversation_id: str
) -> Any:
    """The bot's turn under the conversation's lock; without the lock (the database is out
    of reach) the user gets the apology with its reference code and the state is untouched."""
    adapter = request.app[ADAPTER]
    try:
        async with request.app[TURNS].turn(conversation_id):
            return await adapter.process_activity(auth_header, activity, request.app[BOT].on_turn)
    except TurnLockUnavailable as error:
        failure = error

        async def apologise(turn_context: TurnContext) -> None:
            await adapter.on_turn_error(turn_context, failure)

        return await adapter.process_activity(auth_header, activity, apologise)


async def _read_activity(request: web.Request, settings: Settings) -> dict[str, Any]:
    """The request's activity as JSON, checked before botbuilder sees it."""
    if request.content_type != "application/json":
        raise BadActivity("expected Content-Type application/json")
    body = parse_body(await request.read())
    check_activity(body)
    service_url = urlsplit(body["serviceUrl"])
    if service_url.scheme not in ("http", "https") or not service_url.hostname:
        raise BadActivity("serviceUrl must be an http(s) URL")
    if not settings.auth_enabled and not _is_loopback(service_url.hostname):
        # Without authentication anyone could make the bot post to any address.
        raise BadActivity("without an app id only a loopback serviceUrl is accepted")
    return body


def _deserialize(body: dict[str, Any]) -> Activity:
    """botbuilder's model of the activity; what the checks let through it can read, and
    anything it still refuses is a 400, not a 500."""
    try:
        return wire.deserialize(Activity, body)
    except Exception as error:  # msrest raises DeserializationError, TypeError, ValueError
        log.warning("unreadable activity refused", extra={"error": type(error).__name__})
        raise BadActivity("activity could not be read") from None


def _plain(body: Any) -> Any:
    """An invoke body as JSON: botbuilder's handlers may return msrest models."""
    serialize = getattr(body, "serialize", None)
    return serialize() if callable(serialize) else body


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _tenant_of(body: dict[str, Any]) -> str | None:
    channel_data = body.get("channelData")
    if isinstance(channel_data, dict) and isinstance(channel_data.get("tenant"), dict):
        tenant = channel_data["tenant"].get("id")
        if isinstance(tenant, str):
            return tenant
    tenant = body["conversation"].get("tenantId")
    return tenant if isinstance(tenant, str) else None


def _problem(status: int, reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=status)


async def calendar(request: web.Request) -> web.Response:
    """A partnership's evaluation moments as iCalendar, for links with a valid signature."""
    services = request.app[SERVICES]
    partnership_id = int(request.match_info["partnership_id"])
    signature = request.query.get("sig", "")
    expected = calendar_signature(services.settings, partnership_id)
    partnership = await services.partnerships.get(partnership_id)
    if partnership is None or not hmac.compare_digest(signature, expected):
        return _problem(404, "not found")
    register = services.content.register
    body = evaluation_calendar(
        partnership,
        await services.partnerships.events(partnership_id),
        {kind.key: kind.label for kind in register.evaluation_kinds},
        datetime.now(UTC),
    )
    return web.Response(
        text=body,
        content_type="text/calendar",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="evaluaties-{partnership_id}.ics"'},
    )


async def register_overview(request: web.Request) -> web.Response:
    """Every active partnership with its latest appraisal as CSV, for links that are signed
    and not expired (administrators get them in Teams with 'overzicht')."""
    services = request.app[SERVICES]
    expires = request.query.get("expires", "")
    signature = request.query.get("sig", "")
    if not expires.isdigit() or int(expires) < services.clock().timestamp():
        return _problem(404, "not found")
    if not hmac.compare_digest(signature, export_signature(services.settings, int(expires))):
        return _problem(404, "not found")
    body = await register_csv(services.database, services.content)
    return web.Response(
        text=body,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="samenwerkingen.csv"'},
    )


READY_SECONDS = 2.0  # readyz: a database that takes longer counts as unavailable
REMINDER_STOP_SECONDS = 15.0  # a run stops between two reminders; a send is bounded


async def _reminder_loop(app: web.Application) -> AsyncIterator[None]:
    """Runs the reminders while the app runs. On shutdown the running run stops after the
    reminder it is sending (nothing is left claimed but unsent) and the loop ends."""
    services = app[SERVICES]
    runner = services.reminder_runner()
    interval = services.settings.scheduler_interval_seconds
    stop = asyncio.Event()

    async def loop() -> None:
        while not stop.is_set():
            try:
                await runner.run(datetime.now(UTC), stop)
            except Exception:  # one bad run must not stop the next ones
                log.exception("reminder run failed")
            try:
                await services.ticket_notifier.run(datetime.now(UTC))
            except Exception:
                log.exception("ticket notification run failed")
            try:
                await services.purge_expired(services.clock())  # the clock state is stamped by
            except Exception:
                log.exception("retention purge failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)

    task = asyncio.create_task(loop())
    yield
    stop.set()
    try:
        await asyncio.wait_for(task, REMINDER_STOP_SECONDS)
    except TimeoutError:
        log.warning("reminder run did not stop in time: cancelled (its claim expires)")
    log.info("reminder loop stopped")


async def _load_word_lists(app: web.Application) -> AsyncIterator[None]:
    """Loads the word lists of typo repair beside the start-up, so the first question does
    not wait for them (bot/domain/lexicon.py)."""
    loading = asyncio.get_running_loop().run_in_executor(None, everyday_words)
    yield
    await loading


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    try:  # a probe expects its answer quickly, also while the database is out of reach
        database_ok = await asyncio.wait_for(request.app[DATABASE].ping(), READY_SECONDS)
    except TimeoutError:
        database_ok = False
    content = request.app[CONTENT]
    checks = {"content": bool(content.items), "database": database_ok}
    return web.json_response(
        {"status": "ok" if all(checks.values()) else "unavailable", "checks": checks},
        status=200 if all(checks.values()) else 503,
    )


def _turn_error_handler(
    conversation_state: ConversationState, messages: Messages
) -> Callable[..., Any]:
    """Logs the failure with a reference code and tells the user, where that makes sense.

    The conversation state is left as it was stored before the turn (it is only saved at the
    end of a turn that succeeds): a running intake or registration goes on where it was.
    """

    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        reference = uuid.uuid4().hex[:8]
        activity_type = turn_context.activity.type
        log.error(
            "turn failed [%s]", reference, exc_info=error, extra={"activity_type": activity_type}
        )
        if activity_type != ActivityTypes.message:
            return  # nobody asked anything: an apology would come out of the blue
        left = budget.remaining()
        if left is not None and left < budget.MIN_APOLOGY_SECONDS:
            log.warning("no time left in the turn to apologise [%s]", reference)
            return
        try:
            await turn_context.send_activity(cards.error_text(messages, reference))
        except Exception:  # the connector itself may be what failed
            log.warning("could not tell the user about failure [%s]", reference, exc_info=True)

    return on_turn_error


async def _close_connections(app: web.Application) -> None:
    await app[ADAPTER].sender.close()
    await app[DATABASE].close()
