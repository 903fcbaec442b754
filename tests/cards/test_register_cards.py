"""Register cards: the registration form and questions, a partnership, the list, the texts."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest

from bot.cards import (
    partnership_card,
    partnership_form_card,
    partnership_question_card,
    partnership_registered_card,
    partnerships_list_card,
    registration_field_text,
    registration_help_text,
    registration_problems_text,
    registration_retry_text,
    registration_stopped_text,
)
from bot.domain.intake import ItemAnswer, StoredIntake
from bot.domain.models import RegisterFile
from bot.domain.register import Partnership, Person, Recommendation
from dialogs.partnership import FIELDS
from tests.cards.inspect_card import (
    command_values,
    inputs,
    of_type,
    payloads,
    texts,
    titles,
)

REGISTER = RegisterFile.model_validate(
    {
        "version": 1,
        "forms": [
            {
                "key": "geen_binding",
                "label": "Geen juridische binding (bijv. intentieverklaring, netwerk)",
                "themes": ["partners", "bestuur"],
                "principles": "B",
            },
            {
                "key": "overeenkomst",
                "label": "Convenant of overeenkomst",
                "hint": "afspraken op papier",
                "themes": ["juridisch", "financien"],
                "principles": "B",
            },
            {
                "key": "wgr",
                "label": "Gemeenschappelijke regeling (Wgr)",
                "themes": ["bestuur", "juridisch", "financien"],
                "principles": "A",
            },
        ],
        "phases": [
            {"key": "overwegen", "label": "Overwegen en analyseren", "themes": ["partners"]},
            {"key": "onderhandelen", "label": "Onderhandelen"},
            {"key": "implementeren", "label": "Implementeren", "themes": ["capaciteit"]},
            {"key": "institutionaliseren", "label": "Institutionaliseren"},
            {"key": "evalueren", "label": "Evalueren"},
        ],
        "flags": [
            {
                "key": "personal_data",
                "question": "Worden er persoonsgegevens gedeeld of verwerkt?",
                "themes": ["informatievoorziening"],
            },
            {
                "key": "lobby",
                "question": "Wil de samenwerking invloed op Rijk, provincie of Europa?",
                "themes": ["lobby"],
            },
        ],
        "cadences": [
            {"key": "jaarlijks", "label": "Jaarlijkse lichte evaluatie", "months": 12},
            {"key": "halfjaarlijks", "label": "Elk half jaar", "months": 6},
            {"key": "geen", "label": "Geen vaste cadans"},
        ],
        "default_cadence": "jaarlijks",
    }
)
ANNE = Person("aad-anne", "Anne de Vries")
BASE = Partnership(
    id=7,
    name="Regionaal Energieloket",
    purpose="Inwoners helpen hun huis te verduurzamen.",
    partners=("gemeente Goirle", "gemeente Oisterwijk"),
    form="wgr",
    mandated=False,
    phase="implementeren",
    flags=frozenset({"personal_data"}),
    account_holder=ANNE,
    created_by=ANNE,
    next_evaluation=date(2027, 11, 23),
    cadence="jaarlijks",
    created_at=datetime(2026, 11, 23, 10, 0),
)
RECOMMENDATION = Recommendation(
    themes=("bestuur", "juridisch", "financien", "informatievoorziening", "capaciteit"),
    principle_part="A",
    principles=("principe-a2", "principe-a5", "principe-a9"),
)
FORM_FIELDS = list(FIELDS)  # the form asks what the step-by-step registration asks


def partnership(**changes: Any) -> Partnership:
    return dataclasses.replace(BASE, **changes)


def stored_intake(theme: str, day: int) -> StoredIntake:
    return StoredIntake(
        id=day,
        partnership_id=7,
        theme=theme,
        user_id="aad-anne",
        completed_at=datetime(2027, 1, day, 9, 30),
        answers=(ItemAnswer("jur-1", "ja"),),
        summary_markdown="# Samenvatting",
    )


def facts(card: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["title"], f["value"]) for s in of_type(card, "FactSet") for f in s["facts"]]


@pytest.fixture(scope="module")
def reg(content):
    """The real content with the small register of these tests."""
    return dataclasses.replace(content, register=REGISTER)


@pytest.fixture(scope="module")
def full_card(content):
    intakes = [stored_intake("juridisch", 20), stored_intake("bestuur", 3)]
    return partnership_card(BASE, REGISTER, content, RECOMMENDATION, intakes, 3, True)


# --- the registration form ---------------------------------------------------------------


def test_form_card_asks_every_field_with_its_id_in_order(reg):
    card = partnership_form_card(reg, "Anne de Vries", date(2026, 11, 23))
    assert [element["id"] for element in inputs(card)] == FORM_FIELDS


def test_form_card_labels_every_input_in_dutch(reg):
    card = partnership_form_card(reg, "Anne de Vries", date(2026, 11, 23))
    assert {element["id"]: element["label"] for element in inputs(card)} == {
        "name": "Naam van de samenwerking",
        "purpose": "Wat is het doel? Een of twee zinnen.",
        "partners": "Met wie werk je samen? (scheid de namen met komma's)",
        "form": "Welke vorm heeft de samenwerking?",
        "mandated": "Is de gemeente wettelijk verplicht om mee te doen?",
        "phase": "In welke fase zit de samenwerking?",
        "flags": "Wat is van toepassing?",
        "first_evaluation": "Wanneer is de eerste evaluatie?",
        "cadence": "Hoe vaak evalueren jullie?",
    }


def test_form_card_requires_name_form_and_mandated_only(reg):
    card = partnership_form_card(reg, "Anne de Vries", date(2026, 11, 23))
    required = {e["id"]: e["errorMessage"] for e in inputs(card) if e.get("isRequired")}
    assert required == {
        "name": "Vul de naam van de samenwerking in.",
        "form": "Kies een vorm.",
        "mandated": "Kies ja of nee.",
    }


def test_form_card_offers_forms_with_their_hints_in_a_dropdown(reg):
    form = _input(partnership_form_card(reg, "Anne", date(2026, 11, 23)), "form")
    assert form["style"] == "compact"
    assert form["choices"] == [
        {
            "title": "Geen juridische binding (bijv. intentieverklaring, netwerk)",
            "value": "geen_binding",
        },
        {"title": "Convenant of overeenkomst: afspraken op papier", "value": "overeenkomst"},
        {"title": "Gemeenschappelijke regeling (Wgr)", "value": "wgr"},
    ]


def test_form_card_asks_mandated_as_ja_or_nee_with_true_and_false(reg):
    mandated = _input(partnership_form_card(reg, "Anne", date(2026, 11, 23)), "mandated")
    assert mandated["style"] == "expanded"
    assert mandated["choices"] == [
        {"title": "Ja", "value": "true"},
        {"title": "Nee", "value": "false"},
    ]


def test_form_card_offers_the_flag_questions_as_check_boxes(reg):
    flags = _input(partnership_form_card(reg, "Anne", date(2026, 11, 23)), "flags")
    assert (flags["isMultiSelect"], flags["style"]) == (True, "expanded")
    assert flags["choices"] == [
        {"title": "Worden er persoonsgegevens gedeeld of verwerkt?", "value": "personal_data"},
        {
            "title": "Wil de samenwerking invloed op Rijk, provincie of Europa?",
            "value": "lobby",
        },
    ]


def test_form_card_without_flags_has_no_flags_input(reg):
    register = REGISTER.model_copy(update={"flags": []})
    card = partnership_form_card(
        dataclasses.replace(reg, register=register), "Anne", date(2026, 11, 23)
    )
    assert "flags" not in [element["id"] for element in inputs(card)]


def test_form_card_defaults_to_the_first_phase_and_the_default_cadence(reg):
    card = partnership_form_card(reg, "Anne", date(2026, 11, 23))
    assert _input(card, "phase")["value"] == "overwegen"
    assert _input(card, "cadence")["value"] == "jaarlijks"
    assert _input(card, "cadence")["choices"] == [
        {"title": "Jaarlijkse lichte evaluatie", "value": "jaarlijks"},
        {"title": "Elk half jaar", "value": "halfjaarlijks"},
        {"title": "Geen vaste cadans", "value": "geen"},
    ]


def test_form_card_proposes_a_first_evaluation_twelve_months_ahead(reg):
    card = partnership_form_card(reg, "Anne", date(2026, 11, 23))
    assert _input(card, "first_evaluation") == {
        "type": "Input.Date",
        "id": "first_evaluation",
        "label": "Wanneer is de eerste evaluatie?",
        "value": "2027-11-23",
    }
    leap_day = partnership_form_card(reg, "Anne", date(2028, 2, 29))
    assert _input(leap_day, "first_evaluation")["value"] == "2029-02-28"


def test_form_card_makes_the_user_account_holder_and_submits_registreren(reg):
    card = partnership_form_card(reg, "Anne de Vries", date(2026, 11, 23))
    assert "Accounthouder: jij (Anne de Vries). Dat kun je later overdragen." in texts(card)
    assert payloads(card) == [{"action": "partnership_form"}]
    assert titles(card) == ["Registreren"]


def test_form_card_asks_purpose_in_a_multiline_box(reg):
    card = partnership_form_card(reg, "Anne", date(2026, 11, 23))
    assert _input(card, "purpose")["isMultiline"] is True
    assert "isMultiline" not in _input(card, "name")


# --- step by step ---------------------------------------------------------------------------


def test_question_card_offers_short_choices_by_their_label(content):
    choices = [(c.key, c.label) for c in REGISTER.cadences]
    card = partnership_question_card(content.messages, "Hoe vaak?", 9, 9, choices, "Kies hoe vaak.")
    assert texts(card) == [
        "Vraag 9 van 9",
        "Hoe vaak?",
        "Kies hoe vaak.",
        "Kies een knop of typ je antwoord. Je mag ook het nummer typen.",
    ]
    assert command_values(card) == [*(c.label for c in REGISTER.cadences), "terug", "stop"]
    assert titles(card) == [
        "1. Jaarlijkse lichte evaluatie",
        "2. Elk half jaar",
        "3. Geen vaste cadans",
        "Terug",
        "Stop",
    ]


def test_question_card_numbers_long_choices_and_their_buttons_type_the_number(content):
    choices = [(f.key, f.label) for f in REGISTER.forms]
    card = partnership_question_card(content.messages, "Vorm", 4, 9, choices, None)
    assert (
        "1. Geen juridische binding (bijv. intentieverklaring, netwerk)\r"
        "2. Convenant of overeenkomst\r"
        "3. Gemeenschappelijke regeling (Wgr)"
    ) in texts(card)
    assert command_values(card) == ["1", "2", "3", "terug", "stop"]
    assert titles(card) == ["1", "2", "3", "Terug", "Stop"]


def test_first_question_card_has_no_terug_and_asks_to_type_without_choices(content):
    card = partnership_question_card(content.messages, "Naam van de samenwerking", 1, 9, None, None)
    assert texts(card) == ["Vraag 1 van 9", "Naam van de samenwerking", "Typ je antwoord."]
    assert command_values(card) == ["stop"]


def test_question_card_with_several_answers_numbers_the_choices_and_posts_numbers(content):
    choices = [(flag.key, flag.question) for flag in REGISTER.flags]
    card = partnership_question_card(
        content.messages, "Wat speelt er?", 7, 9, choices, None, multiple=True
    )
    assert (
        "1. Worden er persoonsgegevens gedeeld of verwerkt?\r"
        "2. Wil de samenwerking invloed op Rijk, provincie of Europa?"
    ) in texts(card)
    assert command_values(card) == ["1", "2", "geen", "terug", "stop"]
    assert titles(card)[:3] == ["1", "2", "Geen"]


# --- one partnership ------------------------------------------------------------------------


def test_partnership_card_shows_the_facts_in_dutch(full_card):
    assert texts(full_card)[:2] == [
        "Regionaal Energieloket",
        "Inwoners helpen hun huis te verduurzamen.",
    ]
    assert facts(full_card) == [
        ("Partners", "gemeente Goirle, gemeente Oisterwijk"),
        ("Vorm", "Gemeenschappelijke regeling (Wgr)"),
        ("Wettelijk verplicht", "nee"),
        ("Fase", "Implementeren"),
        ("Accounthouder", "Anne de Vries"),
        ("Volgende evaluatie", "23 november 2027 (Jaarlijkse lichte evaluatie)"),
        ("Open punten", "3"),
    ]
    assert full_card["msteams"] == {"width": "Full"}


def test_partnership_card_with_the_evaluation_part_gives_the_rhythm_not_the_date_again(
    content,
):
    part = [{"type": "TextBlock", "text": "Volgende: 23 november 2027", "wrap": True}]
    card = partnership_card(BASE, REGISTER, content, RECOMMENDATION, [], 0, False, part)
    assert ("Evaluatieritme", "Jaarlijkse lichte evaluatie") in facts(card)
    assert "Volgende evaluatie" not in dict(facts(card))


def test_partnership_card_says_what_is_not_filled_in_or_planned(content):
    bare = partnership(purpose="", partners=(), mandated=True, next_evaluation=None, cadence="geen")
    card = partnership_card(bare, REGISTER, content, RECOMMENDATION, [], 0, False)
    assert "Er is nog geen doel ingevuld." in texts(card)
    assert dict(facts(card)) == {
        "Partners": "nog niet ingevuld",
        "Vorm": "Gemeenschappelijke regeling (Wgr)",
        "Wettelijk verplicht": "ja",
        "Fase": "Implementeren",
        "Accounthouder": "Anne de Vries",
        "Volgende evaluatie": "nog niet gepland (Geen vaste cadans)",
        "Open punten": "0",
    }


def test_partnership_card_lists_completed_intakes_oldest_first_with_dutch_dates(full_card):
    assert "Afgeronde intakes" in texts(full_card)
    assert "- Bestuur (3 januari 2027)\r- Juridisch (20 januari 2027)" in texts(full_card)


def test_partnership_card_without_intakes_says_so(content):
    card = partnership_card(BASE, REGISTER, content, RECOMMENDATION, [], 0, False)
    assert "Er zijn nog geen intakes gedaan." in texts(card)


def test_partnership_card_recommends_intakes_not_done_yet_for_this_partnership(full_card):
    assert payloads(full_card, "intake_start") == [
        {"action": "intake_start", "theme": key, "mode": "steps", "partnership": 7}
        for key in ("financien", "informatievoorziening", "capaciteit")
    ]
    assert "Intake Financiën" in titles(full_card)


def test_partnership_card_recommends_principles_of_its_part_as_show_buttons(full_card, content):
    assert (
        "Kijk vooral naar deel A: samenwerking op basis van de Wet gemeenschappelijke "
        "regelingen (Wgr)."
    ) in texts(full_card)
    assert payloads(full_card, "show") == [
        {"action": "show", "id": id_} for id_ in ("principe-a2", "principe-a5", "principe-a9")
    ]
    assert any(
        line.startswith("1. Doel en publieke waarden van de samenwerking\r")
        for line in texts(full_card)
    )
    assert [t for t in titles(full_card) if t.startswith("Principe")] == [
        "Principe 1",
        "Principe 2",
        "Principe 3",
    ]


def test_recommendations_stay_within_six_buttons_and_name_the_themes_left_out(content):
    many = dataclasses.replace(
        RECOMMENDATION,
        themes=tuple(theme.key for theme in content.themes),
        principles=("principe-a1", "principe-a2", "principe-a3"),
    )
    card = partnership_card(BASE, REGISTER, content, many, [], 0, False)
    assert len(payloads(card, "intake_start")) + len(payloads(card, "show")) == 6
    assert [data["theme"] for data in payloads(card, "intake_start")] == [
        "bestuur",
        "capaciteit",
        "communicatie",
        "financien",
    ]
    assert (
        "Ook aanbevolen: Informatievoorziening & Privacy, Juridisch, Lobby en Partners."
    ) in texts(card)


def test_without_named_principles_the_card_opens_all_principles(content):
    part_b = Recommendation(themes=("partners",), principle_part="B")
    card = partnership_card(BASE, REGISTER, content, part_b, [], 0, False)
    assert "Kijk vooral naar deel B: samenwerking in een netwerk." in texts(card)
    assert payloads(card, "show") == [{"action": "show", "id": "principes"}]
    assert "Alle principes" in titles(card)


def test_when_all_recommended_intakes_are_done_the_card_says_so(content):
    done = [stored_intake("partners", 1)]
    only_partners = Recommendation(themes=("partners",), principle_part="B")
    card = partnership_card(BASE, REGISTER, content, only_partners, done, 0, False)
    assert "Je hebt alle aanbevolen intakes gedaan." in texts(card)
    assert payloads(card, "intake_start") == []


def test_partnership_card_for_someone_who_may_not_change_it_has_no_change_actions(content):
    card = partnership_card(BASE, REGISTER, content, RECOMMENDATION, [], 0, False)
    assert card["actions"] == []
    assert inputs(card) == []
    assert payloads(card, "partnerships_mine") == [{"action": "partnerships_mine"}]


def test_partnership_card_offers_change_handover_and_archive_to_who_may_change(full_card):
    assert [action["title"] for action in full_card["actions"]] == [
        "Wijzigen",
        "Accounthouder overdragen",
        "Archiveren",
    ]
    change, handover, archive = (action["card"] for action in full_card["actions"])
    assert [(e["id"], e.get("value")) for e in inputs(change)] == [
        ("phase", "implementeren"),
        ("next_evaluation", "2027-11-23"),
        ("evaluation_kind", "jaarlijks"),
        ("cadence", "jaarlijks"),
    ]
    assert payloads(change) == [{"action": "partnership_update", "id": 7}]
    assert [(e["id"], e["label"]) for e in inputs(handover)] == [
        ("account_holder_id", "Kies de nieuwe accounthouder"),
        ("account_holder_name", "Of typ zijn of haar naam"),
    ]
    assert payloads(handover) == [{"action": "partnership_handover", "id": 7}]
    assert "Weet je zeker dat je Regionaal Energieloket wilt archiveren?" in texts(archive)
    assert payloads(archive) == [{"action": "confirm", "confirm": "partnership_archive", "id": 7}]


def test_archived_partnership_says_so_and_cannot_be_archived_again(content):
    card = partnership_card(
        partnership(archived=True), REGISTER, content, RECOMMENDATION, [], 0, True
    )
    assert "Deze samenwerking is gearchiveerd." in texts(card)
    assert [action["title"] for action in card["actions"]] == [
        "Wijzigen",
        "Accounthouder overdragen",
    ]


def test_unknown_keys_are_shown_as_they_are(content):
    odd = partnership(form="vervallen_vorm", phase="oude_fase")
    card = partnership_card(odd, REGISTER, content, RECOMMENDATION, [], 0, False)
    assert ("Vorm", "vervallen_vorm") in facts(card)
    assert ("Fase", "oude_fase") in facts(card)


def test_a_partnership_that_is_not_stored_has_no_card(content):
    with pytest.raises(ValueError, match="not stored yet"):
        partnership_card(partnership(id=None), REGISTER, content, RECOMMENDATION, [], 0, True)


def test_registered_card_confirms_and_recommends_intakes_and_principles(content):
    card = partnership_registered_card(BASE, REGISTER, content, RECOMMENDATION)
    assert texts(card)[:3] == [
        "Samenwerking Regionaal Energieloket is geregistreerd",
        "Jij bent de accounthouder. Hieronder staat waar je nu naar kunt kijken.",
        "Eerste evaluatie: 23 november 2027 (Jaarlijkse lichte evaluatie)",
    ]
    assert [data["theme"] for data in payloads(card, "intake_start")] == [
        "bestuur",
        "juridisch",
        "financien",
        "informatievoorziening",
    ]
    assert {data["partnership"] for data in payloads(card, "intake_start")} == {7}
    assert [data["id"] for data in payloads(card, "show")] == [
        "principe-a2",
        "principe-a5",
    ]
    assert payloads(card, "partnership_open") == [{"action": "partnership_open", "id": 7}]
    assert payloads(card, "partnerships_mine") == [{"action": "partnerships_mine"}]


# --- the list -------------------------------------------------------------------------------


def test_list_card_lists_each_partnership_with_phase_and_date_and_a_numbered_button(reg):
    other = partnership(id=8, name="Netwerk Jeugd", phase="overwegen", next_evaluation=None)
    card = partnerships_list_card([BASE, other], reg)
    assert texts(card) == [
        "Mijn samenwerkingen",
        "1. Regionaal Energieloket · Implementeren · evaluatie 23 november 2027\r"
        "2. Netwerk Jeugd · Overwegen en analyseren",
    ]
    assert titles(card) == [
        "Samenwerking 1",
        "Samenwerking 2",
        "Nieuwe samenwerking",
        "Stap voor stap registreren",
    ]
    assert payloads(card) == [
        {"action": "partnership_open", "id": 7},
        {"action": "partnership_open", "id": 8},
        {"action": "partnership_new", "mode": "form"},
        {"action": "partnership_new", "mode": "steps"},
    ]


def test_list_card_shows_a_long_name_in_full(reg):
    long_name = partnership(name="Samenwerkingsverband " * 6)
    card = partnerships_list_card([long_name], reg)
    assert texts(card)[1].startswith("1. " + "Samenwerkingsverband " * 5 + "Samenwerkingsverband ·")


def test_empty_list_card_is_friendly_and_offers_registering(reg):
    card = partnerships_list_card([], reg)
    assert texts(card) == [
        "Mijn samenwerkingen",
        "Je hebt nog geen samenwerkingen in het register. Registreer er een. Dan raad ik je "
        "intakes en principes aan die erbij passen.",
    ]
    assert payloads(card) == [
        {"action": "partnership_new", "mode": "form"},
        {"action": "partnership_new", "mode": "steps"},
    ]


def test_list_card_shows_at_most_25_and_counts_the_rest(reg):
    many = [partnership(id=n, name=f"Samenwerking {n}") for n in range(1, 31)]
    card = partnerships_list_card(many, reg)
    assert len(payloads(card, "partnership_open")) == 25
    assert "En nog 5 samenwerkingen." in texts(card)
    one_more = partnerships_list_card(many[:26], reg)
    assert "En nog 1 samenwerking." in texts(one_more)


# --- texts ------------------------------------------------------------------------------------


def test_dates_and_lists_are_written_in_dutch(content):
    messages = content.messages
    assert messages.date(date(2027, 1, 1)) == "1 januari 2027"
    assert messages.date(date(2027, 11, 23)) == "23 november 2027"
    assert messages.date(date(2028, 3, 9)) == "9 maart 2028"
    assert messages.listing([]) == ""
    assert messages.listing(["de naam"]) == "de naam"
    assert messages.listing(["de naam", "de vorm", "de fase"]) == "de naam, de vorm en de fase"


def test_registration_field_text_gives_the_form_label_and_a_hint(content):
    m = content.messages
    assert registration_field_text(m, "name") == (
        "Naam van de samenwerking",
        "Een korte naam die iedereen herkent.",
    )
    label, hint = registration_field_text(m, "flags")
    assert label == "Wat is van toepassing?"
    assert hint == "Typ de nummers die gelden, bijvoorbeeld 1, 3. Geldt er niets, typ dan geen."


def test_registration_has_a_label_and_hint_for_every_step_by_step_field(content):
    for field in FORM_FIELDS:
        label, hint = registration_field_text(content.messages, field)
        assert label and hint, field


def test_registration_retry_text_says_what_to_type(content):
    m = content.messages
    assert registration_retry_text(m, "mandated") == "Dat herken ik niet. Antwoord met ja of nee."
    assert registration_retry_text(m, "first_evaluation") == (
        "Die datum kan ik niet lezen. Typ bijvoorbeeld 23-11-2027, of typ standaard."
    )
    assert registration_retry_text(m, "form") == (
        "Dat herken ik niet als een van de keuzes. Kies een knop of typ het nummer."
    )


def test_registration_problems_text_names_the_fields_in_a_sentence(content):
    assert registration_problems_text(content.messages, ["form", "phase"]) == (
        "Dat lukte nog niet. Controleer de vorm en de fase. Probeer het daarna opnieuw."
    )


def test_registration_help_and_stop_texts(content):
    assert "**terug**: de vorige vraag opnieuw" in registration_help_text(content.messages)
    assert registration_stopped_text(content.messages) == (
        "Oké, ik ben gestopt. Er is niets geregistreerd. Je kunt altijd opnieuw beginnen."
    )


def _input(card: dict[str, Any], id_: str) -> dict[str, Any]:
    return next(element for element in inputs(card) if element["id"] == id_)
