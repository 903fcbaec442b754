"""Typed commands: any case, with or without a slash, a few Dutch and English synonyms."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from bot.domain.dutch import normalize


class Command(Enum):
    HELP = "help"
    THEMES = "themes"
    EXPERTS = "experts"
    PRIVACY = "privacy"
    DELETE_MY_DATA = "delete_my_data"
    INTAKE = "intake"
    NEW_PARTNERSHIP = "new_partnership"
    MY_PARTNERSHIPS = "my_partnerships"
    ASK_EXPERT = "ask_expert"
    BIND_CHANNEL = "bind_channel"
    UNBIND_CHANNEL = "unbind_channel"
    CHANNELS = "channels"
    APPRAISAL = "appraisal"
    OVERVIEW = "overview"
    PHASE = "phase"
    GOVERNANCE_CYCLE = "governance_cycle"


@dataclass(frozen=True)
class ParsedCommand:
    command: Command
    argument: str = ""  # what follows a command that takes one ("intake juridisch")
    raw_argument: str = field(
        default="", compare=False
    )  # the same as typed, not normalised ("vraag een expert Mag dit?")


_WORDS = {
    Command.HELP: ("help", "menu", "hulp", "start", "wat kun je", "wat kan je"),
    Command.THEMES: ("themas", "thema", "themes", "onderwerpen"),
    Command.EXPERTS: ("experts", "expert", "expertteams", "teams", "deskundigen"),
    Command.PRIVACY: ("privacy", "mijn gegevens", "wat weet je van mij"),
    Command.DELETE_MY_DATA: ("verwijder mijn gegevens", "wis mijn gegevens", "delete my data"),
    Command.NEW_PARTNERSHIP: (
        "nieuwe samenwerking",
        "samenwerking registreren",
        "registreer samenwerking",
        "new partnership",
    ),
    Command.MY_PARTNERSHIPS: ("mijn samenwerkingen", "samenwerkingen", "my partnerships"),
    Command.CHANNELS: ("kanalen", "gekoppelde kanalen"),
    Command.OVERVIEW: ("overzicht", "overzicht samenwerkingen", "overzicht voor de raad", "export"),
    Command.PHASE: (
        "fase",
        "fasen",
        "mijn fase",
        "in welke fase zit ik",
        "in welke fase zitten we",
        "welke fase",
    ),
    Command.GOVERNANCE_CYCLE: ("governancecyclus", "governance cyclus", "cyclus"),
    Command.APPRAISAL: ("evaluatie", "evaluatie starten", "start evaluatie", "waardering starten"),
}
_WITH_ARGUMENT = {
    Command.INTAKE: ("intake", "checklist doorlopen", "start intake"),
    Command.ASK_EXPERT: ("vraag een expert", "stel een vraag aan een expert", "ask an expert"),
    Command.BIND_CHANNEL: ("koppel dit kanaal aan", "koppel kanaal aan", "koppel aan"),
    Command.UNBIND_CHANNEL: ("ontkoppel",),
}
_BY_TEXT = {word: command for command, words in _WORDS.items() for word in words}


def parse_command(text: str) -> ParsedCommand | None:
    """The command `text` asks for, or None when it is a question ('thema's' -> THEMES)."""
    typed = normalize(text.strip().lstrip("/"))
    if typed in _BY_TEXT:
        return ParsedCommand(_BY_TEXT[typed])
    for command, words in _WITH_ARGUMENT.items():
        for word in words:
            if typed == word or typed.startswith(word + " "):
                size = len(word.split())
                raw = text.strip().lstrip("/").split(maxsplit=size)[size:]
                return ParsedCommand(command, typed[len(word) :].strip(), " ".join(raw).strip())
    return None


def pick_option(text: str, options: int) -> int | None:
    """A typed '2' after a 'Bedoel je…' list picks the second option (0-based result)."""
    stripped = text.strip().rstrip(".)")
    if stripped.isdigit() and 1 <= int(stripped) <= options:
        return int(stripped) - 1
    return None
