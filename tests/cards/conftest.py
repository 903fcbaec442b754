from __future__ import annotations

import pytest

from bot.domain.content import Content, load_content
from bot.domain.entries import Entry
from bot.domain.matcher import Matcher


@pytest.fixture(scope="module")
def content() -> Content:
    """The real, shipped content: cards must hold up against it, not only a fixture."""
    return load_content()


@pytest.fixture(scope="module")
def matcher(content) -> Matcher:
    return Matcher(content)


@pytest.fixture(scope="module")
def entries(matcher) -> dict[str, Entry]:
    return {entry.id: entry for entry in matcher.entries}
