from __future__ import annotations

import pytest

from bot.conversation.commands import Command, ParsedCommand, parse_command, pick_option


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("help", Command.HELP),
        ("/Menu", Command.HELP),
        ("thema's", Command.THEMES),
        ("Thema\u2019s", Command.THEMES),
        ("THEMAS", Command.THEMES),
        (" experts ", Command.EXPERTS),
        ("/privacy", Command.PRIVACY),
        ("verwijder mijn gegevens", Command.DELETE_MY_DATA),
        ("evaluatie", Command.APPRAISAL),
        ("/Evaluatie starten", Command.APPRAISAL),
        ("fase", Command.PHASE),
        ("In welke fase zit ik?", Command.PHASE),
        ("/Governancecyclus", Command.GOVERNANCE_CYCLE),
        ("in welke fase zit de samenwerking met de ggd", None),
        ("wie is ibc", None),
        ("/archiefwet", None),
    ],
)
def test_commands_are_recognised_in_any_case_with_or_without_slash(text, command):
    parsed = parse_command(text)
    assert (parsed.command if parsed else None) is command


@pytest.mark.parametrize(
    ("text", "argument"),
    [("intake", ""), ("/Intake Juridisch", "juridisch"), ("start intake financiën", "financien")],
)
def test_intake_command_carries_the_theme_it_names(text, argument):
    assert parse_command(text) == ParsedCommand(Command.INTAKE, argument)


def test_partnership_commands():
    assert parse_command("Nieuwe samenwerking") == ParsedCommand(Command.NEW_PARTNERSHIP)
    assert parse_command("mijn samenwerkingen") == ParsedCommand(Command.MY_PARTNERSHIPS)
    assert parse_command("intakes zijn lastig") is None


@pytest.mark.parametrize(
    ("text", "picked"), [("1", 0), (" 3. ", 2), ("4", None), ("0", None), ("een", None)]
)
def test_typed_number_picks_one_of_three_options(text, picked):
    assert pick_option(text, 3) == picked


@pytest.mark.parametrize(
    ("text", "command", "argument", "raw"),
    [
        ("vraag een expert", Command.ASK_EXPERT, "", ""),
        ("Vraag een expert Mag dit?", Command.ASK_EXPERT, "mag dit", "Mag dit?"),
        ("koppel dit kanaal aan P&O", Command.BIND_CHANNEL, "po", "P&O"),
        ("ontkoppel JUR", Command.UNBIND_CHANNEL, "jur", "JUR"),
        ("kanalen", Command.CHANNELS, "", ""),
    ],
)
def test_ticket_commands_carry_their_argument_as_typed(text, command, argument, raw):
    parsed = parse_command(text)
    assert parsed == ParsedCommand(command, argument)
    assert parsed.raw_argument == raw
