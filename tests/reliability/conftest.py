from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest

from tests.postgres import fresh_schema
from tests.reliability.harness import ScriptedConnector


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema (skips without TEST_DATABASE_URL)."""
    with fresh_schema() as url:
        yield url


@pytest.fixture
async def connector() -> AsyncIterator[ScriptedConnector]:
    stand_in = ScriptedConnector()
    await stand_in.start()
    yield stand_in
    await stand_in.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as client:
        yield client
