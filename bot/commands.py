"""Typed commands: any case, with or without a slash, a few Dutch and English synonyms."""

from __future__ import annotations

from enum import Enum

from bot.domain.dutch import normalize


class Command(Enum):
    HELP = "help"
    THEMES = "themes"
    EXPERTS = "experts"
    PRIVACY = "privacy"
    DELETE_MY_DATA = "delete_my_data"


_WORDS = {
    Command.HELP: ("help", "menu", "hulp", "start", "wat kun je", "wat kan je"),
    Command.THEMES: ("themas", "thema", "themes", "onderwerpen"),
    Command.EXPERTS: ("experts", "expert", "expertteams", "teams", "deskundigen"),
    Command.PRIVACY: ("privacy", "mijn gegevens", "wat weet je van mij"),
    Command.DELETE_MY_DATA: ("verwijder mijn gegevens", "wis mijn gegevens", "delete my data"),
}
_BY_TEXT = {word: command for command, words in _WORDS.items() for word in words}


def parse_command(text: str) -> Command | None:
    """The command `text` asks for, or None when it is a question ('thema's' -> THEMES)."""
    return _BY_TEXT.get(normalize(text.strip().lstrip("/")))


def pick_option(text: str, options: int) -> int | None:
    """A typed '2' after a 'Bedoel je…' list picks the second option (0-based result)."""
    stripped = text.strip().rstrip(".)")
    if stripped.isdigit() and 1 <= int(stripped) <= options:
        return int(stripped) - 1
    return None
