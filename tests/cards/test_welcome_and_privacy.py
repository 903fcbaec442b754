"""Welcome, help and privacy cards."""

from __future__ import annotations

from bot.cards import example_questions, help_card, privacy_card, welcome_card
from bot.domain.retention import RetentionPeriods
from tests.cards.inspect_card import command_values, payloads, texts, titles

MENU = ["thema's", "nieuwe samenwerking", "mijn samenwerkingen", "experts", "privacy", "help"]


def test_welcome_card_says_what_the_bot_does(content):
    lines = texts(welcome_card(content))
    assert lines[0] == "Welkom bij Samenwerkwijzer"
    assert content.messages.say("intro") in lines
    assert "Ik ken 63 vragen uit de checklist, verdeeld over 8 thema's." in lines


def test_welcome_card_lists_the_example_questions_in_full_with_short_buttons(content):
    card = welcome_card(content)
    examples = example_questions(content)
    assert len(examples) == 3
    assert "\r".join(f"{n}. {q}" for n, q in enumerate(examples, 1)) in texts(card)
    assert command_values(card) == [*examples, *MENU]
    assert titles(card) == [
        "Voorbeeld 1",
        "Voorbeeld 2",
        "Voorbeeld 3",
        "Thema's",
        "Nieuwe samenwerking",
        "Mijn samenwerkingen",
        "Expertteams",
        "Privacy",
        "Help",
    ]


def test_help_card_is_the_welcome_card_with_its_own_heading_and_the_commands(content):
    welcome = texts(welcome_card(content))
    help_ = texts(help_card(content))
    assert help_[0] == "Zo werkt Samenwerkwijzer"
    assert [line for line in help_[1:] if line not in welcome] == [
        "Je kunt ook typen: thema's, experts, nieuwe samenwerking, mijn samenwerkingen, "
        "evaluatie, fase, governancecyclus, vraag een expert, privacy, help, of intake met een "
        "thema erachter, bijvoorbeeld: intake juridisch."
    ]
    assert command_values(help_card(content)) == [*example_questions(content), *MENU]


def test_privacy_card_lists_what_is_stored_and_offers_deletion(content):
    card = privacy_card(
        content.messages,
        ["Je gesprekstoestand", "Je feedback, zonder naam"],
        RetentionPeriods(feedback_days=91, state_days=31, ticket_days=366),
    )
    lines = texts(card)
    [periods] = [line for line in lines if "wis ik na" in line]
    assert ("na 31 dagen" in periods and "na 91 dagen" in periods) and "366 dagen" in periods
    assert "Dit bewaar ik over jou:" in lines
    assert "- Je gesprekstoestand\r- Je feedback, zonder naam" in lines
    assert "Wat je typt, komt niet in logbestanden." in lines
    assert "Of je een antwoord nuttig vond, bewaar ik zonder je naam." in lines
    assert payloads(card) == [{"action": "delete_my_data"}]
    assert titles(card) == ["Verwijder mijn gegevens"]


def test_privacy_card_says_so_when_nothing_is_stored(content):
    card = privacy_card(content.messages, [], RetentionPeriods())
    assert "Op dit moment bewaar ik niets over jou." in texts(card)
    assert "Dit bewaar ik over jou:" not in texts(card)
    assert payloads(card) == [{"action": "delete_my_data"}]
