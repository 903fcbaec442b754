"""A local stand-in for the Teams connector service that records what the bot sends."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class Sent:
    conversation_id: str
    reply_to: str | None
    activity: dict[str, Any]
    authorization: str | None

    @property
    def card(self) -> dict[str, Any] | None:
        for attachment in self.activity.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                content: dict[str, Any] = attachment["content"]
                return content
        return None


@dataclass
class ConnectorStandIn:
    sent: list[Sent] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    server: TestServer | None = None
    failures: list[int] = field(default_factory=list)  # statuses to answer next, in order
    refused: list[int] = field(default_factory=list)  # the statuses it answered so
    retry_after: str = "0"  # what a 429 asks the bot to wait, in seconds
    updated: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (id, activity)
    roles: dict[str, str] = field(default_factory=dict)  # member id -> userRole it reports

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation}/activities", self._receive)
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._receive)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        return app

    async def start(self) -> None:
        self.server = TestServer(self.app(), host="127.0.0.1")
        await self.server.start_server()

    @property
    def url(self) -> str:
        assert self.server is not None, "start() the stand-in first"
        return f"http://127.0.0.1:{self.server.port}/"

    async def close(self) -> None:
        if self.server:
            await self.server.close()

    async def _receive(self, request: web.Request) -> web.Response:
        if self.failures:
            status = self.failures.pop(0)
            self.refused.append(status)
            return web.json_response(
                {"error": {"code": "Throttled" if status == 429 else "Error"}},
                status=status,
                headers={"Retry-After": self.retry_after} if status == 429 else None,
            )
        self.sent.append(
            Sent(
                conversation_id=request.match_info["conversation"],
                reply_to=request.match_info.get("reply_to"),
                activity=await request.json(),
                authorization=request.headers.get("Authorization"),
            )
        )
        return web.json_response({"id": f"sent-{next(self._ids)}"})

    async def _member(self, request: web.Request) -> web.Response:
        """Teams' member look-up: everyone is an owner unless `roles` says otherwise."""
        member = request.match_info["member"]
        role = self.roles.get(member, "owner")
        return web.json_response({"id": member, "name": member, "userRole": role})

    async def _update(self, request: web.Request) -> web.Response:
        activity_id = request.match_info["activity"]
        self.updated.append((activity_id, await request.json()))
        return web.json_response({"id": activity_id})

    def messages(self) -> list[Sent]:
        """What the user sees: everything but typing indicators."""
        return [s for s in self.sent if s.activity.get("type") == "message"]

    def take(self) -> list[Sent]:
        """The messages sent since the last take()."""
        messages = self.messages()
        self.sent.clear()
        return messages
