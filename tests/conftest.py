from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.content import Content, load_content
from tests.postgres import fresh_schema

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the small fixture content, for tests that break it."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def fixture_content() -> Content:
    return load_content(FIXTURE_CONTENT)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """An empty PostgreSQL schema for this test (see tests/postgres.py)."""
    with fresh_schema() as url:
        yield url
