"""The appraisal dialog on botbuilder's TestAdapter: every path, on the real content."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from botbuilder.core import MemoryStorage, Storage

from bot.domain.content import Content
from bot.domain.register import Person, new_partnership
from bot.store.appraisals import AppraisalRepository
from bot.store.database import Database, open_database
from bot.store.register import PartnershipRepository
from bot.store.state_storage import SqlStateStorage
from dialogs.appraisal import APPRAISAL_DIALOG, AppraisalDialog
from tests.dialogs.conftest import NOW, DialogHarness, card_text

ANNA = Person("aad-anna", "Anna")
# The nine cells in question order: gemeente, partners, context; each ambitie, capaciteit,
# governance.
TYPED_RATINGS = [
    "sterk",
    "aandacht, de bijdrage is nog onduidelijk",
    "zorg",
    "voldoende",
    "Voldoende",
    "zorgelijk: de governance wringt",
    "weet niet",
    "sterk",
    "aandacht nodig",
]
CELLS = [
    f"{p}.{r}"
    for p in ("gemeente", "partners", "context")
    for r in ("ambitie", "capaciteit", "governance")
]


class AppraisalHarness(DialogHarness):
    def __init__(
        self, content: Content, database: Database, storage: Storage, start: tuple[str, Any]
    ) -> None:
        super().__init__(content, database, storage, start)
        self.appraisals = AppraisalRepository(database)
        self.dialogs.add(
            AppraisalDialog(
                content, self.appraisals, self.partnerships, lambda: NOW, self.questions
            )
        )


async def _partnership(content: Content, database: Database, **values: str) -> int:
    fields = {
        "name": "Regionale Energiestrategie",
        "form": "wgr",
        "mandated": "false",
        "phase": "implementeren",
        "cadence": "jaarlijks",
        "first_evaluation": "2026-11-30",
        **values,
    }
    partnership = new_partnership(fields, ANNA, NOW, content.register)
    added = await PartnershipRepository(database).add(partnership)
    assert added.id is not None
    return added.id


@pytest.fixture
def appraisal(content, database):
    def make(
        partnership: int | None = None, mode: str = "steps", storage: Storage | None = None
    ) -> AppraisalHarness:
        options = {"partnership": partnership, "mode": mode}
        return AppraisalHarness(
            content, database, storage or MemoryStorage(), (APPRAISAL_DIALOG, options)
        )

    return make


async def _answer_all(dialog: AppraisalHarness, closing: tuple[str, ...]) -> list[Any]:
    await dialog.say("start")
    await dialog.say("Kwetsbaar: wisselende wethouders. Potentieel: samen inkopen.")
    for typed in TYPED_RATINGS:
        await dialog.say(typed)
    replies: list[Any] = []
    for typed in closing:
        replies = await dialog.say(typed)
    return replies


async def test_typed_answers_only_make_a_result_with_nine_rated_cells(appraisal, content, database):
    partnership_id = await _partnership(content, database)
    dialog = appraisal(partnership_id)
    [first] = await dialog.say("start")
    assert "Vraag 1 van 14" in card_text(first)
    assert "het meest kwetsbaar" in card_text(first)
    [cell] = await dialog.say("Kwetsbaar: wisselende wethouders. Potentieel: samen inkopen.")
    assert "Vraag 2 van 14 · Gemeente (eigen organisatie)" in card_text(cell)
    assert "Weten wij als gemeente waarom we meedoen" in card_text(cell)
    for typed in TYPED_RATINGS:
        await dialog.say(typed)
    await dialog.say("onrustig")
    await dialog.say("ja")
    await dialog.say("institutionaliseren")
    [result] = await dialog.say("samen maken")
    text = card_text(result)
    assert "Waardering van Regionale Energiestrategie" in text
    words = [text.count(word) for word in ("Sterk", "Voldoende", "Aandacht nodig", "Zorgelijk")]
    assert words[0] >= 2 and words[1] >= 2 and words[2] >= 2 and words[3] >= 2
    [appraisal_id] = dialog.results
    stored = await dialog.appraisals.get(appraisal_id)
    assert stored is not None
    assert [(r.cell, r.rating, r.note) for r in stored.ratings] == [
        ("gemeente.ambitie", "sterk", None),
        ("gemeente.capaciteit", "aandacht", "de bijdrage is nog onduidelijk"),
        ("gemeente.governance", "zorg", None),
        ("partners.ambitie", "voldoende", None),
        ("partners.capaciteit", "voldoende", None),
        ("partners.governance", "zorg", "de governance wringt"),
        ("context.ambitie", "onbekend", None),
        ("context.capaciteit", "sterk", None),
        ("context.governance", "aandacht", None),
    ]
    assert (stored.waters, stored.own_organisation_change) == ("onrustig", True)
    assert (stored.phase, stored.cooperation) == ("institutionaliseren", "cocreatie")
    assert stored.opening == "Kwetsbaar: wisselende wethouders. Potentieel: samen inkopen."
    assert stored.next_steps[0] == "governance"
    assert (
        "| Sturing (governance) | Zorgelijk | Zorgelijk | Aandacht nodig |"
        in stored.summary_markdown
    )


async def test_completing_sets_the_next_moment_and_moves_the_phase_forward(
    appraisal, content, database
):
    partnership_id = await _partnership(content, database)
    dialog = appraisal(partnership_id)
    [result] = await _answer_all(dialog, ("rustig", "nee", "institutionaliseren", "1"))
    text = card_text(result)
    assert "Het volgende staat op 30 november 2027" in text
    assert "De fase in het register is nu: Institutionaliseren" in text
    stored = await dialog.partnerships.get(partnership_id)
    assert stored is not None
    assert (stored.next_evaluation, stored.phase) == (date(2027, 11, 30), "institutionaliseren")
    [event] = await dialog.partnerships.events(partnership_id)
    assert (event.kind, event.due, event.new_due) == (
        "completed",
        date(2026, 11, 30),
        date(2027, 11, 30),
    )


async def test_a_phase_before_the_registered_one_is_only_asked(appraisal, content, database):
    partnership_id = await _partnership(content, database)
    dialog = appraisal(partnership_id)
    result, question = await _answer_all(dialog, ("rustig", "nee", "onderhandelen", "zakelijk"))
    assert "Wil je de fase terugzetten naar Onderhandelen?" in card_text(question)
    phase = next(
        a["data"] for a in _actions(question.attachments[0].content) if "phase" in a["data"]
    )
    assert phase == {"action": "appraisal_phase", "id": partnership_id, "phase": "onderhandelen"}
    stored = await dialog.partnerships.get(partnership_id)
    assert stored is not None and stored.phase == "implementeren"


async def test_a_moment_far_ahead_stays_and_the_appraisal_comes_on_top(
    appraisal, content, database
):
    partnership_id = await _partnership(content, database, first_evaluation="2027-06-01")
    dialog = appraisal(partnership_id)
    [result] = await _answer_all(dialog, ("rustig", "nee", "implementeren", "zakelijk"))
    assert "Het evaluatiemoment van 1 juni 2027 blijft staan" in card_text(result)
    stored = await dialog.partnerships.get(partnership_id)
    assert stored is not None and stored.next_evaluation == date(2027, 6, 1)
    assert await dialog.partnerships.events(partnership_id) == []


async def test_a_second_appraisal_shows_the_trend_per_cell(appraisal, content, database):
    partnership_id = await _partnership(content, database)
    first = appraisal(partnership_id)
    await _answer_all(first, ("rustig", "nee", "implementeren", "zakelijk"))
    second = appraisal(partnership_id)
    await second.say("start")
    await second.say("overslaan")
    for typed in ("voldoende", "aandacht", "sterk", *(["voldoende"] * 6)):
        await second.say(typed)
    for typed in ("rustig", "nee", "implementeren"):
        await second.say(typed)
    [result] = await second.say("zakelijk")
    text = card_text(result)
    assert "vergeleken met de vorige waardering van 23 november 2026" in text
    legend = 1  # the line under the grid explains the arrows
    assert text.count("↓ slechter") == 2 + legend  # gemeente.ambitie, context.capaciteit
    assert text.count("↑ beter") == 3 + legend  # the three governance cells
    assert text.count("= gelijk") == 3 + legend  # gemeente.capaciteit, partners.*
    # context.ambitie was 'weet ik niet': no arrow


async def test_a_note_alone_is_kept_and_the_rating_asked_again(appraisal, content, database):
    dialog = appraisal(await _partnership(content, database))
    await dialog.say("start")
    await dialog.say("overslaan")
    [again] = await dialog.say("we hebben nog geen raadsbesluit")
    assert "Vraag 2 van 14" in card_text(again)
    assert "Notitie: we hebben nog geen raadsbesluit" in card_text(again)
    [next_cell] = await dialog.say("voldoende")
    assert "Vraag 3 van 14" in card_text(next_cell)


async def test_skip_back_and_help_steer_the_questions(appraisal, content, database):
    dialog = appraisal(await _partnership(content, database))
    await dialog.say("start")
    await dialog.say("overslaan")
    await dialog.say("overslaan")  # gemeente.ambitie: onbekend
    [back] = await dialog.say("terug")
    assert "Vraag 2 van 14" in card_text(back)
    explanation, again = await dialog.say("help")
    assert "sterk" in explanation.text and "onrustig" in explanation.text
    assert "Vraag 2 van 14" in card_text(again)
    [cell] = await dialog.say("sterk")
    assert "Vraag 3 van 14" in card_text(cell)


async def test_a_typed_question_is_answered_and_the_cell_asked_again(appraisal, content, database):
    dialog = appraisal(await _partnership(content, database))
    await dialog.say("start")
    await dialog.say("overslaan")
    first, answer, again = await dialog.say("wat is governance eigenlijk?")
    assert "vraag 2" in first.text
    assert dialog.questions.answered == ["wat is governance eigenlijk?"]
    assert "Vraag 2 van 14" in card_text(again)


async def test_an_unknown_closing_answer_is_asked_again(appraisal, content, database):
    dialog = appraisal(await _partnership(content, database))
    await dialog.say("start")
    await dialog.say("overslaan")
    for typed in ["voldoende"] * 9:
        await dialog.say(typed)
    retry, again = await dialog.say("best wel spannend")
    assert "herken ik niet" in retry.text
    assert "rustig of in onrustig vaarwater" in card_text(again)


async def test_stop_with_answers_asks_first_and_without_ends_at_once(appraisal, content, database):
    dialog = appraisal(await _partnership(content, database))
    await dialog.say("start")
    [stopped] = await dialog.say("stop")
    assert "niets bewaard" in stopped.text and dialog.results == [None]
    again = appraisal(await _partnership(content, database))
    await again.say("start")
    await again.say("Het potentieel is groot")
    [confirm] = await again.say("stop")
    question = (
        "Weet je zeker dat je wilt stoppen? "
        "De antwoorden van deze evaluatie worden dan niet bewaard."
    )
    assert question in card_text(confirm)
    assert content.messages.say("appraisal_stop_question") == question
    assert again.results == []  # still running until the button is clicked


async def test_not_registered_asks_the_name_first(appraisal, content, database):
    dialog = appraisal(None)
    [name] = await dialog.say("start")
    assert "Hoe heet de samenwerking" in card_text(name)
    assert "Vraag 1 van 15" in card_text(name)
    [opening] = await dialog.say("Netwerk Jeugdzorg")
    assert "Vraag 2 van 15 · Netwerk Jeugdzorg" in card_text(opening)
    await dialog.say("overslaan")
    for typed in ["voldoende"] * 9 + ["rustig", "nee", "overwegen"]:
        await dialog.say(typed)
    [result] = await dialog.say("sturen")
    assert "Samenwerking registreren" in card_text(result)
    stored = await dialog.appraisals.get(dialog.results[0])
    assert stored is not None
    assert (stored.partnership_id, stored.partnership_name) == (None, "Netwerk Jeugdzorg")


async def test_formulier_switches_to_one_form_per_perspective(appraisal, content, database):
    partnership_id = await _partnership(content, database)
    dialog = appraisal(partnership_id)
    await dialog.say("start")
    [form] = await dialog.say("formulier")
    assert "Deel 1 van 3: Gemeente (eigen organisatie)" in card_text(form)


async def test_three_forms_make_the_same_result(appraisal, content, database):
    partnership_id = await _partnership(content, database)
    dialog = appraisal(partnership_id, mode="form")
    [first] = await dialog.say("start")
    content_ = first.attachments[0].content
    assert {"opening", "rating__gemeente.ambitie", "note__gemeente.ambitie"} <= _input_ids(content_)
    base = {"action": "appraisal_form", "id": partnership_id}
    [second] = await dialog.submit(
        {
            **base,
            "perspective": "gemeente",
            "opening": "Weinig menskracht",
            "rating__gemeente.ambitie": "sterk",
            "rating__gemeente.capaciteit": "zorg",
            "note__gemeente.capaciteit": "te weinig uren",
            "rating__gemeente.governance": "",
        }
    )
    assert "Deel 2 van 3: Samenwerking en partners" in card_text(second)
    [third] = await dialog.submit({**base, "perspective": "partners"})
    assert "Deel 3 van 3: Context" in card_text(third)
    assert {"waters", "own_change", "phase", "cooperation"} <= _input_ids(
        third.attachments[0].content
    )
    [result] = await dialog.submit(
        {
            **base,
            "perspective": "context",
            "rating__context.ambitie": "voldoende",
            "waters": "onrustig",
            "own_change": "nee",
            "phase": "implementeren",
            "cooperation": "zakelijk",
        }
    )
    assert "Waardering van Regionale Energiestrategie" in card_text(result)
    stored = await dialog.appraisals.get(dialog.results[0])
    assert stored is not None
    ratings = {r.cell: (r.rating, r.note) for r in stored.ratings}
    assert ratings["gemeente.capaciteit"] == ("zorg", "te weinig uren")
    assert ratings["gemeente.governance"] == ("onbekend", None)
    assert ratings["context.ambitie"] == ("voldoende", None)
    assert (stored.opening, stored.waters, stored.own_organisation_change) == (
        "Weinig menskracht",
        "onrustig",
        False,
    )


async def test_typed_text_beside_a_waiting_form_shows_the_form_again(appraisal, content, database):
    dialog = appraisal(await _partnership(content, database), mode="form")
    await dialog.say("start")
    [form] = await dialog.say("ik typ liever")
    assert "Deel 1 van 3" in card_text(form)


async def test_an_appraisal_resumes_after_a_restart(content, tmp_path: Path):
    url = f"sqlite:///{tmp_path}/bot.db"
    async with open_database(url) as first_db:  # closed before the restart
        partnership_id = await _partnership(content, first_db)
        start = (APPRAISAL_DIALOG, {"partnership": partnership_id, "mode": "steps"})
        first = AppraisalHarness(content, first_db, SqlStateStorage(first_db), start)
        await first.say("start")
        await first.say("Potentieel: gedeelde data")
        await first.say("sterk")
    async with open_database(url) as second_db:
        restarted = AppraisalHarness(content, second_db, SqlStateStorage(second_db), start)
        [third] = await restarted.say("voldoende")
        assert "Vraag 4 van 14" in card_text(third)
        for typed in ["zorg"] * 7 + ["rustig", "nee", "implementeren"]:
            await restarted.say(typed)
        await restarted.say("zakelijk")
        stored = await restarted.appraisals.get(restarted.results[0])
    assert stored is not None
    assert stored.opening == "Potentieel: gedeelde data"
    assert [r.rating for r in stored.ratings[:2]] == ["sterk", "voldoende"]


def _actions(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") == "Action.Submit":
            found.append(node)
        for value in node.values():
            found += _actions(value)
    elif isinstance(node, list):
        for value in node:
            found += _actions(value)
    return found


def _input_ids(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("Input."):
            found.add(node["id"])
        for value in node.values():
            found |= _input_ids(value)
    elif isinstance(node, list):
        for value in node:
            found |= _input_ids(value)
    return found
