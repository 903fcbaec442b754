"""Finding a theme by its key, or by what a user typed."""

from __future__ import annotations

from bot.domain.content import Content
from bot.domain.dutch import normalize
from bot.domain.models import Theme


def theme_by_key(content: Content, key: object) -> Theme | None:
    return next((theme for theme in content.themes if theme.key == key), None)


def find_theme(content: Content, typed: str) -> Theme | None:
    """A theme by key, or by the start of its title or one of its aliases."""
    wanted = normalize(typed)
    if not wanted:
        return None
    exact = theme_by_key(content, wanted)
    if exact is not None:
        return exact
    for theme in content.themes:
        if any(normalize(name).startswith(wanted) for name in (theme.title, *theme.aliases)):
            return theme
    return None
