"""The phase, governance cycle, who-does-what and regime cards, built from the real content."""

from __future__ import annotations

from bot.cards import answer_card
from bot.cards import phase as phase_cards
from bot.domain.phases import guide
from tests.bot.cardtext import actions, texts
from tests.cards.test_register_cards import partnership


def test_the_phase_card_shows_the_decision_and_its_button_only_to_who_may_change(content):
    found = guide(content, "overwegen")
    assert found is not None and found.decision is not None
    mine = phase_cards.phase_card(partnership(phase="overwegen"), found, content, True)
    other = phase_cards.phase_card(partnership(phase="overwegen"), found, content, False)
    assert "Deze fase eindigt met een formeel besluit" in texts(mine)
    moves = [a["data"] for a in actions(mine) if a["data"].get("action") == "phase_next"]
    assert moves == [{"action": "phase_next", "id": 7, "phase": "overwegen", "decided": True}]
    assert not [a for a in actions(other) if a["data"].get("action") == "phase_next"]


def test_organising_needs_no_second_decision(content):
    found = guide(content, "onderhandelen")
    assert found is not None and found.decision is None
    assert found.next_phase is not None and found.next_phase.key == "implementeren"


def test_the_answer_card_of_a_cycle_step_names_the_tool_and_opens_it(content, entries):
    card = answer_card(entries["cyclus-verrichten"], content)
    shown = texts(card)
    assert "In Samenwerkwijzer: herinneringen aan de evaluatiemomenten" in shown
    assert {"action": "partnerships_mine"} in [a["data"] for a in actions(card)]


def test_the_answer_card_of_onderzoeken_says_what_to_settle_and_decide(content, entries):
    shown = texts(answer_card(entries["fase-onderzoeken"], content))
    assert "Regel dit voordat je verder gaat" in shown
    assert "Eerst een formeel besluit" in shown


def test_the_regime_line_offers_no_button_when_rhythm_and_kind_already_fit(content):
    fits = partnership(importance="zeer_belangrijk", cadence="jaarlijks")
    elements = phase_cards.regime_elements(content.messages, fits, content.register, True)
    assert "Het ritme en de soort evaluatie passen hier al bij." in texts({"body": elements})
    assert actions({"body": elements}) == []
    regular = partnership(importance="regulier")
    assert phase_cards.regime_elements(content.messages, regular, content.register, True) == []
