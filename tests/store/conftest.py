from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store.database import Database, open_database


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'bot.db'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    with open_database(db_url) as database:
        yield database
