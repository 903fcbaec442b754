from __future__ import annotations

import pytest

from bot.domain.smalltalk import SmalltalkDetector


@pytest.fixture(scope="module")
def detector(fixture_content) -> SmalltalkDetector:
    return SmalltalkDetector(fixture_content.smalltalk, fixture_content.smalltalk_fillers)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hallo", "greeting"),
        ("Hoi!", "greeting"),
        ("good morning", "greeting"),
        ("dank je wel", "thanks"),
        ("hoi, dank je wel hoor", "thanks"),  # thanks is listed before greeting
        ("ok", "acknowledgement"),
        ("top 👍", "acknowledgement"),
        ("👍🏻", "acknowledgement"),  # a skin tone does not matter
        ("🎉", "acknowledgement"),  # an emoji the content does not list
        ("ok cool", "acknowledgement"),
        ("lol", "acknowledgement"),
        ("weet niet", "yes_no"),
        ("Ja.", "yes_no"),
    ],
)
def test_messages_made_of_small_talk_get_their_kind(detector, text, kind):
    assert detector.kind(text) == kind


@pytest.mark.parametrize(
    "text", ["", "   ", "hallo, is er een overeenkomst nodig?", "ok, en staatssteun?", "wel", "?"]
)
def test_questions_fillers_alone_and_empty_text_are_no_small_talk(detector, text):
    assert detector.kind(text) is None
