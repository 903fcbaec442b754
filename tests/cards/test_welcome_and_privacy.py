"""Welcome, help and privacy cards."""

from __future__ import annotations

from bot.cards import help_card, privacy_card, welcome_card
from tests.cards.inspect_card import im_back_values, payloads, texts, titles

EXAMPLES = [
    "Moeten we een verwerkersovereenkomst afsluiten met de GR? En wie van IBC kan daar snel "
    "naar kijken voordat we tekenen?",
    "Is er sprake van staatssteun?",
    "Wie is JUR?",
    "Deze vierde voorbeeldvraag past niet meer",
]
MENU = ["thema's", "nieuwe samenwerking", "mijn samenwerkingen", "experts", "privacy", "help"]


def test_welcome_card_says_what_the_bot_does(content):
    lines = texts(welcome_card(content, EXAMPLES))
    assert lines[0] == "Welkom bij Samenwerkwijzer"
    assert (
        "Ik beantwoord je vragen over samenwerkingen met de checklist uit de wegwijzer "
        "'Aan de slag met samenwerkingen'. Ik vertel je waar je op moet letten en welk "
        "expertteam je kunt inschakelen. Met een intake loop je de vragen van een thema samen "
        "met mij door, en je kunt je samenwerking registreren."
    ) in lines
    assert "Ik ken 63 checklistvragen in 8 thema's." in lines


def test_welcome_card_offers_three_example_questions_then_the_menu_as_typed_text(content):
    card = welcome_card(content, EXAMPLES)
    assert im_back_values(card) == [*EXAMPLES[:3], *MENU]
    assert titles(card)[3:] == [
        "Thema's",
        "Nieuwe samenwerking",
        "Mijn samenwerkingen",
        "Expertteams",
        "Privacy",
        "Help",
    ]
    assert titles(card)[0].endswith("…") and len(titles(card)[0]) <= 80


def test_welcome_card_without_examples_still_offers_the_menu(content):
    card = welcome_card(content, [])
    assert im_back_values(card) == MENU
    assert "Stel je vraag in je eigen woorden, of probeer er een:" not in texts(card)


def test_help_card_is_the_welcome_card_with_its_own_heading_and_the_commands(content):
    welcome = texts(welcome_card(content, EXAMPLES))
    help_ = texts(help_card(content, EXAMPLES))
    assert help_[0] == "Zo werkt Samenwerkwijzer"
    assert [line for line in help_[1:] if line not in welcome] == [
        "Je kunt ook typen: thema's, intake <thema>, nieuwe samenwerking, mijn samenwerkingen, "
        "experts, privacy of help."
    ]
    assert im_back_values(help_card(content, EXAMPLES)) == [*EXAMPLES[:3], *MENU]


def test_privacy_card_lists_what_is_stored_and_offers_deletion():
    card = privacy_card(["Je gesprekstoestand", "Je feedback, zonder naam"])
    lines = texts(card)
    assert "Dit bewaar ik over jou:" in lines
    assert "- Je gesprekstoestand\r- Je feedback, zonder naam" in lines
    assert "Wat je typt, komt niet in logbestanden." in lines
    assert "Je feedback (nuttig of niet nuttig) bewaar ik zonder je naam." in lines
    assert payloads(card) == [{"action": "delete_my_data"}]
    assert titles(card) == ["Verwijder mijn gegevens"]


def test_privacy_card_says_so_when_nothing_is_stored():
    card = privacy_card([])
    assert "Op dit moment bewaar ik niets over jou." in texts(card)
    assert "Dit bewaar ik over jou:" not in texts(card)
    assert payloads(card) == [{"action": "delete_my_data"}]
