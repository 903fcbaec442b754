"""Sending to the connector: pooled, time-limited, cards unchanged, clients reused."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from botbuilder.schema import Activity, Attachment, ConversationAccount

from bot.teams.connector import ActivitySender, ConnectorError, ReusedClientsAuthentication
from bot.web import ADAPTER
from tests.bot.conftest import Teams, post


def _activity(service_url: str, **fields: Any) -> Activity:
    return Activity(
        type="message",
        service_url=service_url,
        conversation=ConversationAccount(id="a:conv/1"),
        reply_to_id="m-1",
        **fields,
    )


class _Credentials:
    microsoft_app_id = "app-id"

    def get_access_token(self) -> str:
        return "token-123"


async def test_card_attachment_is_sent_exactly_as_built(connector):
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "é"}]}
    activity = _activity(
        connector.url,
        attachments=[
            Attachment(content_type="application/vnd.microsoft.card.adaptive", content=card)
        ],
        text=None,
    )
    sender = ActivitySender()
    try:
        response = await sender.send(None, activity)
    finally:
        await sender.close()
    [sent] = connector.sent
    assert (sent.conversation_id, sent.reply_to, response.id) == ("a:conv/1", "m-1", "sent-1")
    assert sent.activity["attachments"] == [
        {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
    ]
    assert sent.authorization is None  # local mode: no app id, no token


async def test_with_an_app_id_the_bearer_token_is_sent(connector):
    sender = ActivitySender()
    try:
        await sender.send(_Credentials(), _activity(connector.url, text="hallo"))
    finally:
        await sender.close()
    assert connector.sent[0].authorization == "Bearer token-123"


async def _serve(handler: Any) -> TestServer:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server


async def test_error_status_raises_with_status_and_retry_after():
    async def busy(request: web.Request) -> web.Response:
        return web.Response(status=429, text="slow down", headers={"Retry-After": "3"})

    server = await _serve(busy)
    sender = ActivitySender()
    try:
        with pytest.raises(ConnectorError) as caught:
            await sender.send(None, _activity(f"http://127.0.0.1:{server.port}/", text="x"))
        assert (caught.value.status, caught.value.retry_after) == (429, "3")
    finally:
        await sender.close()
        await server.close()


async def test_a_connector_that_never_answers_costs_at_most_the_timeout():
    async def silent(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response()

    server = await _serve(silent)
    sender = ActivitySender(timeout_seconds=0.2)
    try:
        with pytest.raises(asyncio.TimeoutError):
            await sender.send(None, _activity(f"http://127.0.0.1:{server.port}/", text="x"))
    finally:
        await sender.close()
        await server.close()


async def test_connector_clients_are_reused_across_turns(bot, connector):
    authentication = bot.app[ADAPTER].bot_framework_authentication
    assert isinstance(authentication, ReusedClientsAuthentication)
    teams = Teams(connector.url)
    await post(bot, teams.message("staatssteun"))
    clients = dict(authentication._clients)
    await post(bot, teams.message("archiefwet"))
    assert authentication._clients == clients and len(clients) == 2  # connector + token client
