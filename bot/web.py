"""The aiohttp application: the Bot Framework endpoint, health checks and request hygiene."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from botbuilder.core import ConversationState, TurnContext, UserState
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity

from bot import cards
from bot.connector import ActivitySender, TeamsAdapter
from bot.domain.content import Content, load_content
from bot.domain.matcher import Matcher
from bot.settings import Settings
from bot.store.database import Database, open_database
from bot.store.feedback import FeedbackRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.store.state_storage import SqlStateStorage
from bot.teams_bot import SamenwerkwijzerBot

log = logging.getLogger(__name__)

SETTINGS = web.AppKey("settings", Settings)
CONTENT = web.AppKey("content", Content)
DATABASE = web.AppKey("database", Database)
ADAPTER: web.AppKey[Any] = web.AppKey("adapter")  # botbuilder is untyped
BOT = web.AppKey("bot", SamenwerkwijzerBot)
Clock = Callable[[], datetime]


class BadActivity(ValueError):
    """A request body that is not a usable activity; the message says why."""


def create_app(
    settings: Settings, *, database: Database | None = None, clock: Clock | None = None
) -> web.Application:
    """Everything the bot needs, built once; raises ContentError or ValueError on bad setup."""
    content = load_content(settings.content_dir, settings.contacts_file)
    matcher = Matcher(content)
    database = database or open_database(settings.database_url)
    storage = SqlStateStorage(database)
    conversation_state = ConversationState(storage)
    sender = ActivitySender()
    adapter = TeamsAdapter(ConfigurationBotFrameworkAuthentication(_BotConfig(settings)), sender)
    adapter.on_turn_error = _turn_error_handler(conversation_state)
    bot = SamenwerkwijzerBot(
        content=content,
        matcher=matcher,
        conversation_state=conversation_state,
        user_state=UserState(storage),
        feedback=FeedbackRepository(database),
        partnerships=PartnershipRepository(database),
        intakes=IntakeRepository(database),
        administrators=settings.administrators,
        store_question_text=settings.store_question_text,
        log_message_text=settings.logs_message_text,
        clock=clock or (lambda: datetime.now(UTC)),
    )
    app = web.Application(client_max_size=settings.max_body_bytes)
    app[SETTINGS] = settings
    app[CONTENT] = content
    app[DATABASE] = database
    app[ADAPTER] = adapter
    app[BOT] = bot
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.on_cleanup.append(_close_connections)
    return app


class _BotConfig:
    """The attribute names botbuilder's configuration-based authentication reads."""

    def __init__(self, settings: Settings) -> None:
        self.APP_ID = settings.app_id or None
        self.APP_PASSWORD = settings.app_password or None
        self.APP_TYPE = settings.app_type
        self.APP_TENANTID = settings.app_tenant_id or None


async def messages(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    try:
        body = await _read_activity(request, settings)
    except BadActivity as error:
        return _problem(400, str(error))
    tenant = _tenant_of(body)
    if settings.allowed_tenant_ids and tenant not in settings.allowed_tenant_ids:
        log.warning("activity from a tenant that is not allowed refused", extra={"tenant": tenant})
        return _problem(403, "tenant not allowed")
    activity = Activity().deserialize(body)
    auth_header = request.headers.get("Authorization", "")
    try:
        invoke = await request.app[ADAPTER].process_activity(
            auth_header, activity, request.app[BOT].on_turn
        )
    except PermissionError:
        log.warning("request without a valid Bot Framework token refused")
        return _problem(401, "unauthorized")
    if invoke is not None:
        return web.json_response(invoke.body, status=invoke.status)
    return web.Response(status=201)


async def _read_activity(request: web.Request, settings: Settings) -> dict[str, Any]:
    """The request's activity as JSON, checked before botbuilder sees it."""
    if request.content_type != "application/json":
        raise BadActivity("expected Content-Type application/json")
    raw = await request.read()
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadActivity("body is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadActivity(f"body is not valid JSON: {error.msg}") from None
    if not isinstance(body, dict):
        raise BadActivity("body must be a JSON object")
    for field in ("type", "serviceUrl"):
        if not isinstance(body.get(field), str) or not body[field]:
            raise BadActivity(f"activity needs a string '{field}'")
    for field in ("conversation", "from", "recipient"):
        if not isinstance(body.get(field), dict) or not isinstance(body[field].get("id"), str):
            raise BadActivity(f"activity needs '{field}' with a string 'id'")
    for field in ("text", "channelId", "id", "replyToId", "locale"):
        if field in body and body[field] is not None and not isinstance(body[field], str):
            raise BadActivity(f"activity field '{field}' must be a string")
    if "entities" in body and not isinstance(body["entities"], list | None):
        raise BadActivity("activity field 'entities' must be a list")
    service_url = urlsplit(body["serviceUrl"])
    if service_url.scheme not in ("http", "https") or not service_url.hostname:
        raise BadActivity("serviceUrl must be an http(s) URL")
    if not settings.auth_enabled and not _is_loopback(service_url.hostname):
        # Without authentication anyone could make the bot post to any address.
        raise BadActivity("without an app id only a loopback serviceUrl is accepted")
    return body


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


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    database_ok = request.app[DATABASE].ping()
    content = request.app[CONTENT]
    checks = {"content": bool(content.items), "database": database_ok}
    return web.json_response(
        {"status": "ok" if all(checks.values()) else "unavailable", "checks": checks},
        status=200 if all(checks.values()) else 503,
    )


def _turn_error_handler(conversation_state: ConversationState) -> Callable[..., Any]:
    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        reference = uuid.uuid4().hex[:8]
        log.error("turn failed [%s]", reference, exc_info=error)
        try:
            await conversation_state.load(turn_context)  # so that delete() can drop it
            await conversation_state.delete(turn_context)
            await turn_context.send_activity(cards.error_text(reference))
        except Exception:  # the connector itself may be what failed
            log.exception("could not tell the user about failure [%s]", reference)

    return on_turn_error


async def _close_connections(app: web.Application) -> None:
    await app[ADAPTER].sender.close()
    app[DATABASE].close()
