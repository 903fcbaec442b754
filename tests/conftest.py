from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.domain.content import Content, load_content

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
