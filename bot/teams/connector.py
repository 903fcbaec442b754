"""Fast, bounded talk to the Teams connector service.

botbuilder 4.17.1 builds new msrest clients for every turn (their configuration alone costs
about half the CPU of a turn) and sends through `requests` in a thread pool with a new
connection per call and no time limit. Here the clients are reused across turns and messages
go out through one pooled aiohttp session with a timeout. Authentication is unchanged:
botbuilder still validates incoming tokens and supplies the outgoing ones.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections import OrderedDict
from typing import Any
from urllib.parse import quote

import aiohttp
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes, ResourceResponse
from botframework.connector.auth import (
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    JwtTokenValidation,
)

from bot.teams import budget, wire

CACHED_CLIENTS = 32
SEND_TIMEOUT_SECONDS = 10.0
_HANDLED_BY_BOTBUILDER = ("delay", ActivityTypes.invoke_response, ActivityTypes.trace)


class ConnectorError(Exception):
    """The connector answered a send with an error status."""

    def __init__(self, status: int, body: str, retry_after: str | None = None) -> None:
        super().__init__(f"connector answered {status}: {body[:200]}")
        self.status = status
        self.retry_after = retry_after


class ReusedClientsAuthentication(BotFrameworkAuthentication):  # type: ignore[misc]
    """botbuilder's authentication, with connector and token clients kept between turns."""

    def __init__(self, inner: BotFrameworkAuthentication) -> None:
        self._inner = inner
        self._clients: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    async def authenticate_request(self, activity: Activity, auth_header: str) -> Any:
        result = await self._inner.authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            result.connector_factory = _ReusingFactory(
                self, _app_id(result.claims_identity), result.connector_factory
            )
        return result

    async def authenticate_streaming_request(self, auth_header: str, channel_id: str) -> Any:
        return await self._inner.authenticate_streaming_request(auth_header, channel_id)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        inner = self._inner.create_connector_factory(claims_identity)
        return _ReusingFactory(self, _app_id(claims_identity), inner)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> Any:
        key = ("token", _app_id(claims_identity))
        return await self.reuse(key, lambda: self._inner.create_user_token_client(claims_identity))

    def create_bot_framework_client(self) -> Any:
        return self._inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        audience: str = self._inner.get_originating_audience()
        return audience

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self._inner.authenticate_channel_request(auth_header)

    async def reuse(self, key: tuple[Any, ...], create: Any) -> Any:
        if key in self._clients:
            self._clients.move_to_end(key)
            return self._clients[key]
        client = await create()
        self._clients[key] = client
        if len(self._clients) > CACHED_CLIENTS:
            self._clients.popitem(last=False)
        return client


class _ReusingFactory(ConnectorFactory):  # type: ignore[misc]
    def __init__(
        self, cache: ReusedClientsAuthentication, app_id: str | None, inner: ConnectorFactory
    ) -> None:
        self._cache = cache
        self._app_id = app_id
        self._inner = inner

    async def create(self, service_url: str, audience: str | None = None) -> Any:
        key = ("connector", self._app_id, service_url, audience)
        return await self._cache.reuse(key, lambda: self._inner.create(service_url, audience))


def _app_id(claims_identity: ClaimsIdentity | None) -> str | None:
    if claims_identity is None or not claims_identity.claims:
        return None
    app_id: str | None = JwtTokenValidation.get_app_id_from_claims(claims_identity.claims)
    return app_id


class ActivitySender:
    """Posts activities to the connector over one pooled session, each call time-limited."""

    def __init__(self, timeout_seconds: float = SEND_TIMEOUT_SECONDS) -> None:
        self._timeout_seconds = timeout_seconds
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def send(self, credentials: Any, activity: Activity) -> ResourceResponse:
        url = (
            f"{activity.service_url.rstrip('/')}/v3/conversations/"
            f"{quote(activity.conversation.id, safe='')}/activities"
        )
        if activity.reply_to_id:
            url += f"/{quote(activity.reply_to_id, safe='')}"
        return await self._call("POST", url, credentials, activity)

    async def update(self, credentials: Any, activity: Activity) -> ResourceResponse:
        """Replaces the sent activity `activity.id` (a used card updated in place)."""
        url = (
            f"{activity.service_url.rstrip('/')}/v3/conversations/"
            f"{quote(activity.conversation.id, safe='')}/activities/{quote(activity.id, safe='')}"
        )
        return await self._call("PUT", url, credentials, activity)

    async def _call(
        self, method: str, url: str, credentials: Any, activity: Activity
    ) -> ResourceResponse:
        headers = {}
        if _needs_token(credentials):
            token = await asyncio.wait_for(
                asyncio.to_thread(credentials.get_access_token),
                budget.send_timeout(self._timeout_seconds),
            )
            headers["Authorization"] = f"Bearer {token}"
        body = _to_json(activity)
        # Within a turn a send gets what is left of the turn's budget (bot/teams/budget.py).
        timeout = aiohttp.ClientTimeout(total=budget.send_timeout(self._timeout_seconds))
        request = self._open().request(method, url, json=body, headers=headers, timeout=timeout)
        async with request as response:
            text = await response.text()
            if response.status >= 300:
                raise ConnectorError(response.status, text, response.headers.get("Retry-After"))
        return ResourceResponse(id=_sent_id(text))

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def _to_json(activity: Activity) -> dict[str, Any]:
    """The wire form of an activity (bot/teams/wire.py). Cards are plain JSON already, so
    attachments are written as they are, not walked key by key."""
    if not activity.attachments:
        return wire.serialize(activity)
    bare = copy.copy(activity)
    bare.attachments = None
    body = wire.serialize(bare)
    body["attachments"] = [
        {
            key: value
            for key, value in (
                ("contentType", attachment.content_type),
                ("contentUrl", attachment.content_url),
                ("content", attachment.content),
                ("name", attachment.name),
                ("thumbnailUrl", attachment.thumbnail_url),
            )
            if value is not None
        }
        for attachment in activity.attachments
    ]
    return body


def _sent_id(body: str) -> str:
    """The id the connector gave the activity; some connectors answer without one."""
    try:
        parsed = json.loads(body) if body else {}
    except ValueError:
        return ""
    sent_id = parsed.get("id") if isinstance(parsed, dict) else None
    return sent_id if isinstance(sent_id, str) else ""


def _needs_token(credentials: Any) -> bool:
    app_id = getattr(credentials, "microsoft_app_id", None)
    return bool(app_id) and app_id != AuthenticationConstants.ANONYMOUS_SKILL_APP_ID


class TeamsAdapter(CloudAdapter):  # type: ignore[misc]
    """CloudAdapter whose messages go out through the ActivitySender."""

    def __init__(self, authentication: BotFrameworkAuthentication, sender: ActivitySender) -> None:
        super().__init__(ReusedClientsAuthentication(authentication))
        self.sender = sender

    async def send_activities(
        self, context: TurnContext, activities: list[Activity]
    ) -> list[ResourceResponse]:
        responses = []
        for activity in activities:
            if activity.type in _HANDLED_BY_BOTBUILDER:
                responses += await super().send_activities(context, [activity])
                continue
            activity.id = None
            client = context.turn_state.get(self.BOT_CONNECTOR_CLIENT_KEY)
            credentials = client.config.credentials if client is not None else None
            responses.append(await self.sender.send(credentials, activity))
        return responses

    async def update_activity(self, context: TurnContext, activity: Activity) -> ResourceResponse:
        client = context.turn_state.get(self.BOT_CONNECTOR_CLIENT_KEY)
        credentials = client.config.credentials if client is not None else None
        return await self.sender.update(credentials, activity)
