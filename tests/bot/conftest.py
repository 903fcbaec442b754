from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import Settings
from bot.web import create_app
from tests.bot.connector import ConnectorStandIn
from tests.postgres import fresh_schema

BOT_ID = "28:samenwerkwijzer-bot"
TENANT = "tenant-tilburg"
_ids = itertools.count(1)


@pytest.fixture
async def connector() -> AsyncIterator[ConnectorStandIn]:
    stand_in = ConnectorStandIn()
    await stand_in.start()
    yield stand_in
    await stand_in.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Every conversation test runs on both backends."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/bot.db"
    else:
        with fresh_schema() as url:
            yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, scheduler_interval_seconds=0)


async def start_bot(settings: Settings) -> TestClient[web.Request, web.Application]:
    app = create_app(settings, clock=lambda: datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    return client


@pytest.fixture
async def bot(settings: Settings) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    client = await start_bot(settings)
    yield client
    await client.close()


class Teams:
    """Builds the activities Teams would send, addressed to the connector stand-in."""

    def __init__(self, service_url: str, conversation_type: str = "personal") -> None:
        self.service_url = service_url
        self.conversation_type = conversation_type
        self.conversation_id = f"a:conversation-{next(_ids)}"
        self.user_id = "29:user-anna"
        # A channel message names its team (Teams' channelData.team), as Teams sends it.
        self._team = {"team": {"id": "team-1"}} if conversation_type == "channel" else {}

    def activity(self, type_: str, **fields: Any) -> dict[str, Any]:
        return {
            "type": type_,
            "id": f"activity-{next(_ids)}",
            "channelId": "msteams",
            "serviceUrl": self.service_url,
            "from": {"id": self.user_id, "name": "Anna", "aadObjectId": "aad-anna"},
            "recipient": {"id": BOT_ID, "name": "Samenwerkwijzer"},
            "conversation": {
                "id": self.conversation_id,
                "conversationType": self.conversation_type,
                "tenantId": TENANT,
            },
            "channelData": {"tenant": {"id": TENANT}, **self._team},
            "locale": "nl-NL",
            **fields,
        }

    def message(self, text: str, **fields: Any) -> dict[str, Any]:
        return self.activity("message", text=text, **fields)

    def click(self, value: dict[str, Any]) -> dict[str, Any]:
        return self.activity("message", value=value)

    def bot_added(self) -> dict[str, Any]:
        return self.activity(
            "conversationUpdate", membersAdded=[{"id": BOT_ID, "name": "Samenwerkwijzer"}]
        )


async def post(
    client: TestClient[web.Request, web.Application], activity: dict[str, Any], **headers: str
) -> int:
    response = await client.post("/api/messages", json=activity, headers=headers)
    return response.status
