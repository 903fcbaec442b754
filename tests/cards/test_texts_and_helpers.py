"""Plain-text replies and the text helpers the cards share."""

from __future__ import annotations

from bot.cards import data_deleted_text, error_text, feedback_thanks, unknown_item_text
from bot.cards.common import as_sentence, first_sentence, one_line, shorten, with_more


def test_error_text_apologises_and_names_the_reference(content):
    assert error_text(content.messages, "A1B2C3") == (
        "Sorry, er ging iets mis aan mijn kant. Probeer het nog eens. "
        "Noem code A1B2C3 als je het meldt."
    )


def test_feedback_thanks_differs_for_helpful_and_not_helpful(content):
    assert feedback_thanks(content.messages, True) == "Bedankt! Fijn dat je hier iets aan had."
    assert feedback_thanks(content.messages, False) == (
        "Bedankt voor je reactie. Stel je vraag eventueel op een andere manier, "
        "of neem contact op met het expertteam."
    )


def test_data_deleted_text_confirms_deletion(content):
    assert data_deleted_text(content.messages) == "Klaar. Ik heb je gegevens verwijderd."


def test_shorten_keeps_short_text_and_cuts_long_text_at_a_word_with_an_ellipsis():
    assert shorten("Is er een overeenkomst?") == "Is er een overeenkomst?"
    assert shorten("een twee drie vier", limit=12) == "een twee…"
    assert shorten("een, twee drie", limit=8) == "een…"
    assert shorten("  witruimte \n telt   niet ") == "witruimte telt niet"


def test_one_line_takes_the_first_sentence_and_cuts_after_a_clause():
    assert one_line("Helpt bij inkoop. Meldt het ook.") == "Helpt bij inkoop."
    assert one_line("Adviseert over iets: a, b en c.", limit=20) == "Adviseert over iets…"
    assert one_line("abc " * 10, limit=12) == "abc abc…"


def test_first_sentence_splits_off_the_rest_without_cutting():
    assert first_sentence("Helpt bij inkoop. Meldt het  ook.") == (
        "Helpt bij inkoop.",
        "Meldt het ook.",
    )
    assert first_sentence("Eén zin zonder meer") == ("Eén zin zonder meer", "")


def test_with_more_shows_the_rest_behind_a_meer_toggle(content):
    short = with_more(content.messages, "Eén zin.", "x")
    assert [element["text"] for element in short] == ["Eén zin."]
    first, rest, toggle = with_more(content.messages, "Eerste zin. Tweede zin.", "x-more")
    assert first["text"] == "Eerste zin."
    assert rest == {
        "type": "TextBlock",
        "text": "Tweede zin.",
        "wrap": True,
        "spacing": "Small",
        "id": "x-more",
        "isVisible": False,
    }
    assert toggle["actions"] == [
        {"type": "Action.ToggleVisibility", "title": "Meer", "targetElements": ["x-more"]}
    ]


def test_as_sentence_starts_with_a_capital_and_ends_with_a_full_stop():
    assert as_sentence("contactgegevens volgen") == "Contactgegevens volgen."
    assert as_sentence("Klaar!") == "Klaar!"
    assert as_sentence("  ") == ""


def test_unknown_item_text_asks_to_ask_again(content):
    assert unknown_item_text(content.messages) == (
        "Dat kan ik niet meer vinden. Misschien is de inhoud intussen veranderd. "
        "Stel je vraag opnieuw, of typ thema's."
    )
