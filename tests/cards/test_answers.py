"""Answer, clarify and out-of-scope cards: what they say and which payloads they carry."""

from __future__ import annotations

import dataclasses

import pytest

from bot.cards import answer_card, clarify_card, expert_card, out_of_scope_card
from bot.domain.content import Content, load_content
from bot.domain.entries import Entry, build_entries
from bot.domain.matcher import Match, Matcher, MatchResult, Tuning
from bot.domain.models import ChecklistItem
from tests.cards.inspect_card import actions, command_values, of_type, payloads, texts, titles

PLACEHOLDER = "Contactgegevens volgen nog. Zoek het team voorlopig op het intranet."


@pytest.fixture(scope="module")
def jur_2(content, entries):
    return answer_card(entries["jur-2"], content)


def test_checklist_answer_carries_feedback_payloads_for_its_item(jur_2):
    assert payloads(jur_2, "feedback") == [
        {"action": "feedback", "id": "jur-2", "helpful": True},
        {"action": "feedback", "id": "jur-2", "helpful": False},
    ]
    assert [action["title"] for action in jur_2["actions"]] == [
        "Nuttig",
        "Niet nuttig",
        "Vraag een expert",
    ]
    assert jur_2["actions"][2]["data"] == {"action": "ticket_ask", "id": "jur-2"}


def test_checklist_answer_offers_all_questions_of_its_theme(jur_2):
    assert payloads(jur_2, "theme") == [{"action": "theme", "theme": "juridisch"}]
    assert "Alle vragen over Juridisch" in titles(jur_2)


def test_checklist_answer_starts_with_the_question_large_and_bold_then_the_theme(jur_2):
    question, theme = jur_2["body"][:2]
    assert (question["text"], question["size"], question["weight"]) == (
        "Is er sprake van staatssteun?",
        "Large",
        "Bolder",
    )
    assert (theme["text"], theme["isSubtle"]) == ("Thema: Juridisch", True)


def test_checklist_answer_explains_the_question(jur_2, content):
    assert content.items["jur-2"].explanation.strip() in texts(jur_2)


def test_checklist_answer_names_its_expert_teams_main_team_first(jur_2):
    lines = texts(jur_2)
    assert "Neem contact op met" in lines
    assert lines.index("Juridische Zaken (JUR)") < lines.index("Financiën en control")
    assert any("Juridische Zaken" in line for line in lines)


def test_checklist_answer_shows_what_a_team_helps_with_the_rest_behind_meer(jur_2, content):
    first, rest = content.experts["JUR"].helps_with.split(". ", 1)
    assert f"{first}." in texts(jur_2)
    [hidden] = [b for b in of_type(jur_2, "TextBlock") if b.get("id") == "team-JUR-more"]
    assert hidden["isVisible"] is False and hidden["text"] == " ".join(rest.split())
    toggles = of_type(jur_2, "Action.ToggleVisibility")
    assert {
        "type": "Action.ToggleVisibility",
        "title": "Meer",
        "targetElements": ["team-JUR-more"],
    } in toggles
    assert not any(line.endswith("…") for line in texts(jur_2))


def test_checklist_answer_lists_related_questions_in_full_with_numbered_buttons(jur_2, content):
    assert "Vragen die hierbij horen" in texts(jur_2)
    assert payloads(jur_2, "show") == [
        {"action": "show", "id": "jur-3"},
        {"action": "show", "id": "jur-8"},
        {"action": "show", "id": "fin-3"},
    ]
    listed = "\r".join(
        f"{n}. {content.items[i].question}" for n, i in enumerate(["jur-3", "jur-8", "fin-3"], 1)
    )
    assert listed in texts(jur_2)
    numbered = [t for t in titles(jur_2) if t.startswith("Vraag ") and t[6:].isdigit()]
    assert numbered == ["Vraag 1", "Vraag 2", "Vraag 3"]


def test_checklist_answer_without_related_questions_has_no_related_heading(content):
    theme = content.themes[0]
    item = theme.items[0].model_copy(update={"related": []})
    changed = _with_item(content, item)
    card = answer_card(_entry(changed, item.id), changed)
    assert "Vragen die hierbij horen" not in texts(card)
    assert payloads(card, "show") == []


def test_many_related_questions_get_numbered_buttons_three_to_a_row(content):
    related = ["jur-3", "jur-4", "jur-5", "jur-6", "jur-7"]
    item = content.items["jur-1"].model_copy(update={"related": related})
    changed = _with_item(content, item)
    card = answer_card(_entry(changed, "jur-1"), changed)
    assert payloads(card, "show") == [{"action": "show", "id": i} for i in related]
    rows = [s["actions"] for s in of_type(card, "ActionSet") if payloads({"a": s}, "show")]
    assert [[a["title"] for a in row] for row in rows] == [
        ["Vraag 1", "Vraag 2", "Vraag 3"],
        ["Vraag 4", "Vraag 5"],
    ]


def test_placeholder_contacts_are_explained_without_showing_the_placeholder_details(jur_2):
    assert texts(jur_2).count(PLACEHOLDER) == 1  # once for JUR and FIN
    assert of_type(jur_2, "Action.OpenUrl") == []
    assert "voorbeeld.invalid" not in str(jur_2)
    assert "+31 00" not in str(jur_2)


@pytest.fixture
def override_content(tmp_path):
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text("version: 1\ncontacts:\n  JUR:\n    email: jur@gemeente.nl\n")
    return load_content(contacts=contacts)


def test_real_contact_email_becomes_a_mailto_button(override_content):
    content = override_content
    card = answer_card(_entry(content, "jur-2"), content)
    mail = [a for a in of_type(card, "Action.OpenUrl") if a["url"].startswith("mailto:")]
    assert mail == [
        {"type": "Action.OpenUrl", "title": "E-mail sturen", "url": "mailto:jur@gemeente.nl"}
    ]
    assert texts(card).count(PLACEHOLDER) == 1  # FIN is still a placeholder


def test_real_contact_phone_is_text_and_website_a_button(content):
    contact = content.experts["JUR"].contact.model_copy(
        update={
            "placeholder": False,
            "team": "Team Juridische Zaken",
            "email": None,
            "phone": "013 542 00 00",
            "url": "https://intranet.tilburg.nl/jur",
        }
    )
    expert = content.experts["JUR"].model_copy(update={"contact": contact})
    card = expert_card(expert, content)
    assert "Telefoon: 013 542 00 00" in texts(card)
    assert "Team: Team Juridische Zaken" in texts(card)
    assert of_type(card, "Action.OpenUrl") == [
        {
            "type": "Action.OpenUrl",
            "title": "Website bekijken",
            "url": "https://intranet.tilburg.nl/jur",
        }
    ]


def test_contact_details_that_are_no_address_are_shown_as_text_not_as_buttons(content):
    contact = content.experts["JUR"].contact.model_copy(
        update={"placeholder": False, "email": "via het servicepunt", "url": "intranet > JUR"}
    )
    expert = content.experts["JUR"].model_copy(update={"contact": contact})
    card = expert_card(expert, content)
    assert of_type(card, "Action.OpenUrl") == []
    assert {"via het servicepunt", "intranet > JUR"} <= set(texts(card))


def test_expert_answer_is_the_expert_card_with_feedback(content, entries):
    card = answer_card(entries["IBC"], content)
    assert card["body"][0]["text"] == "Informatiebeheer & Control (IBC)"
    assert payloads(card, "feedback") == [
        {"action": "feedback", "id": "IBC", "helpful": True},
        {"action": "feedback", "id": "IBC", "helpful": False},
    ]
    assert card["body"][:-1] == expert_card(content.experts["IBC"], content)["body"]


def test_section_answer_names_its_framework_and_lists_its_questions(content, entries):
    card = answer_card(entries["wk-gemeente-ambitie"], content)
    assert texts(card)[:2] == [
        "Ambitie en plannen",
        "Uit Waarderingskader samenwerkingen (Tilburgs model) · Gemeente",
    ]
    assert "Vragen bij dit onderdeel" in texts(card)
    # the appraisal's full questions for this cell, not the framework's short notes
    cell = next(c for c in content.appraisal.cells if c.source == "wk-gemeente-ambitie")
    assert "\r".join(f"- {question}" for question in cell.questions) in texts(card)
    assert not any("Noodzaak afstemming" in line for line in texts(card))
    assert "Governance en Netwerken" in texts(card)
    assert payloads(card, "feedback")[0] == {
        "action": "feedback",
        "id": "wk-gemeente-ambitie",
        "helpful": True,
    }


def test_a_section_with_its_own_teams_names_them_on_its_card_and_as_its_entry(content, entries):
    """The financial rules of the principles are Financiën's first, not only the framework's."""
    card = answer_card(entries["principe-a9"], content)
    assert entries["principe-a9"].experts == ("FIN", "GOV")
    lines = texts(card)
    contact = lines.index("Neem contact op met")
    assert lines[contact + 1] == "Financiën en control"
    assert lines[contact + 3] == "Governance en Netwerken"
    assert entries["principe-a8"].experts == ("GOV",)  # the framework's team otherwise


def test_framework_answer_offers_its_sections_as_show_buttons(content, entries):
    card = answer_card(entries["fasenmodel"], content)
    sections = [s.id for f in content.frameworks if f.id == "fasenmodel" for s in f.sections]
    assert payloads(card, "show") == [{"action": "show", "id": id_} for id_ in sections]
    assert "Onderdeel 1" in titles(card)
    assert any(line.startswith("1. Verkennen\r2. ") for line in texts(card))
    assert not any(line.startswith("Er zijn nog") for line in texts(card))


def test_framework_answer_shows_at_most_twelve_sections_then_a_note(content, entries):
    card = answer_card(entries["principes"], content)
    assert [data["id"] for data in payloads(card, "show")] == [
        f"principe-a{n}" for n in range(1, 13)
    ]
    [note] = [line for line in texts(card) if line.startswith("Er zijn nog 12 onderdelen: ")]
    assert note.endswith(" en Continuïteit bij bestuurlijke wisselingen.")
    assert "Samenwerking in plaats van zelfstandige uitvoering" in note


def test_framework_answer_mentions_its_phases(content, entries):
    card = answer_card(entries["waarderingskader"], content)
    assert (
        "Fasen: Overwegen en analyseren, Onderhandelen, Implementeren, Institutionaliseren, "
        "Evalueren"
    ) in texts(card)


def test_clarify_card_offers_at_most_three_options_as_show_buttons(content):
    forced = Matcher(content, Tuning(clarify_ratio=0.0, confident_score=1.1))
    result = forced.match("welke afspraken maken we met de partners")
    assert result.decision == "clarify"
    card = clarify_card(result, content)
    assert texts(card)[0] == content.messages.say("clarify_intro")
    shown = payloads(card, "show")
    assert 1 < len(shown) <= 3
    assert shown == [{"action": "show", "id": match.entry.id} for match in result.options]
    assert "Staat je vraag er niet tussen? Stel je vraag dan op een andere manier." in texts(card)


def test_clarify_card_lists_options_in_full_and_labels_frameworks_and_teams(content, entries):
    result = MatchResult(
        "vraag",
        "clarify",
        (
            Match(entries["cap-13"], 0.4),
            Match(entries["fase-verkennen"], 0.4),
            Match(entries["JUR"], 0.3),
        ),
    )
    long_question = content.items["cap-13"].question
    assert len(long_question) > 80
    card = clarify_card(result, content)
    assert titles(card) == ["Keuze 1", "Keuze 2", "Keuze 3"]
    assert (
        f"1. {long_question}\r"
        "2. Verkennen (Fasenmodel van een samenwerking)\r"
        "3. Expertteam Juridische Zaken (JUR)"
    ) in texts(card)


def test_out_of_scope_card_declines_kindly_and_offers_themes_and_help(content):
    card = out_of_scope_card(content)
    assert texts(card) == [
        "Daar kan ik je niet mee helpen. Ik help bij samenwerkingen met andere organisaties, "
        "bijvoorbeeld over bestuur, geld, juridische zaken, personeel of privacy."
    ]
    assert command_values(card) == ["thema's", "help"]
    assert [action["title"] for action in actions(card)] == ["Thema's bekijken", "Help"]


def test_out_of_scope_entry_gets_the_out_of_scope_card(content, entries):
    assert answer_card(entries["out-of-scope"], content) == out_of_scope_card(content)


def _with_item(content: Content, item: ChecklistItem) -> Content:
    theme = content.theme_of_item[item.id]
    items = [item if old.id == item.id else old for old in theme.items]
    changed = theme.model_copy(update={"items": items})
    themes = tuple(changed if t.key == theme.key else t for t in content.themes)
    return dataclasses.replace(content, themes=themes)


def _entry(content: Content, entry_id: str) -> Entry:
    return next(e for e in build_entries(content) if e.id == entry_id)
