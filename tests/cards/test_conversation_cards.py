"""The conversation layer's cards and texts: confirming, interruptions, used and stale cards,
small talk, and an intake stopped early."""

from __future__ import annotations

from bot.cards import (
    already_handled_text,
    button_unknown_text,
    cancelled_text,
    confirm_question,
    confirmation_card,
    question_during_step_text,
    situation_card,
    situation_heading,
    small_talk_text,
    stale_dialog_text,
    stale_partnership_text,
    used_card,
    used_line,
)
from bot.cards.actions import Action, read
from bot.domain.triage import Triager
from tests.cards.inspect_card import payloads, texts, titles


def test_confirmation_card_asks_and_offers_confirm_and_annuleren(content):
    m = content.messages
    card = confirmation_card(m, "delete_my_data", confirm_question(m, "delete_my_data"))
    assert texts(card) == [
        "Weet je zeker dat je je gegevens wilt verwijderen? Dit kan ik niet ongedaan maken."
    ]
    assert titles(card) == ["Ja, verwijderen", "Annuleren"]
    assert payloads(card) == [
        {"action": "confirm", "confirm": "delete_my_data"},
        {"action": "cancel"},
    ]
    assert [read(data).action for data in payloads(card)] == [Action.CONFIRM, Action.CANCEL]


def test_confirmation_of_archiving_carries_the_partnership(content):
    m = content.messages
    question = confirm_question(m, "partnership_archive", name="GGD")
    card = confirmation_card(m, "partnership_archive", question, 7)
    assert texts(card) == [
        "Weet je zeker dat je GGD wilt archiveren? Je krijgt dan geen herinneringen meer voor "
        "deze samenwerking."
    ]
    assert payloads(card)[0] == {"action": "confirm", "confirm": "partnership_archive", "id": 7}
    assert titles(card)[0] == "Ja, archiveren"


def test_confirmation_of_stopping_an_intake_counts_the_answers(content):
    m = content.messages
    assert confirm_question(m, "dialog_stop", theme="Juridisch", answered=1) == (
        "Je hebt 1 vraag van de intake Juridisch beantwoord. Weet je zeker dat je wilt stoppen? "
        "Je antwoord wordt dan niet bewaard."
    )
    assert confirm_question(m, "dialog_stop", theme="Juridisch", answered=3).startswith(
        "Je hebt 3 vragen van de intake Juridisch beantwoord."
    )
    card = confirmation_card(m, "dialog_stop", "?")
    assert titles(card) == ["Ja, stoppen", "Annuleren"]


def test_used_card_is_one_line_without_buttons(content):
    m = content.messages
    card = used_card(m, used_line(m, "feedback"))
    assert texts(card) == ["✓ Bedankt voor je reactie."]
    assert card["actions"] == [] and payloads(card) == []
    assert used_line(m, "form") == "Verstuurd."
    assert used_line(m, "evaluation") == "Afgehandeld."


def test_short_replies_of_the_conversation_layer(content):
    m = content.messages
    assert cancelled_text(m) == "Oké, ik laat alles zoals het was."
    assert already_handled_text(m) == "Dit is al afgehandeld."
    assert button_unknown_text(m).startswith("Deze knop werkt niet (meer).")
    assert stale_partnership_text(m, "GGD").startswith("De samenwerking GGD is gearchiveerd.")
    assert stale_dialog_text(m).startswith("Deze intake of registratie is al afgerond")
    assert question_during_step_text(m, 3) == (
        "Ik beantwoord eerst je vraag. Daarna gaan we verder met vraag 3."
    )


def test_small_talk_replies(content):
    m = content.messages
    assert small_talk_text(m, "thanks") == "Graag gedaan!"
    assert small_talk_text(m, "greeting").startswith("Hallo! Ik help je bij samenwerkingen")
    assert "Waar wil je het over hebben?" in small_talk_text(m, "yes_no")
    for kind in ("acknowledgement", "unclear_chat"):
        assert small_talk_text(m, kind)


def test_situation_overview_headings(content):
    m = content.messages
    assert [situation_heading(m, part) for part in ("heading", "teams", "register", "intakes")] == [
        "Dit is belangrijk voor jouw samenwerking",
        "Schakel deze teams in",
        "Registreer deze samenwerking",
        "Start de intakes",
    ]


def test_a_team_called_by_a_checklist_question_says_which_question(content):
    triage = Triager(content).triage("Wie heeft welke bevoegdheden in de samenwerking?")
    by_item = [call for call in triage.experts if call.item and not call.triggers]
    assert by_item, "the best item brings its team"
    question = content.items[by_item[0].item].question
    assert f"Dit team helpt je bij de vraag: {question}" in texts(situation_card(triage, content))


def test_the_general_team_says_why_when_the_text_calls_for_no_team(content):
    triage = Triager(content).triage(
        "De raadsleden horen te weinig over de veiligheidsregio. Waar moet ik aan denken?"
    )
    assert [call.code for call in triage.experts] == [content.general_team]
    assert content.messages.say("situation_why_general") in texts(situation_card(triage, content))
