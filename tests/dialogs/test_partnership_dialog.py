from __future__ import annotations

from datetime import date

from botbuilder.schema import Activity

from tests.dialogs.conftest import DialogHarness, card_text

STEPS = ("partnership", {"mode": "steps"})
FORM = ("partnership", {"mode": "form"})


async def _answer_all(dialog: DialogHarness, answers: list[str]) -> list[Activity]:
    replies: list[Activity] = []
    for answer in answers:
        replies = await dialog.say(answer)
    return replies


async def test_step_by_step_registration_stores_the_partnership(harness):
    dialog = harness(STEPS)
    [first] = await dialog.say("start")
    assert "Vraag 1 van 9" in card_text(first)
    [registered] = await _answer_all(
        dialog,
        [
            "Regionale Energiestrategie",
            "Samen duurzame energie opwekken.",
            "provincie, Breda en Waalwijk",
            "3",  # form: gemeenschappelijke regeling (Wgr)
            "nee",
            "Overwegen",
            "2",  # personal data
            "1-3-2027",
            "standaard",
        ],
    )
    assert "Regionale Energiestrategie is geregistreerd" in card_text(registered)
    [partnership_id] = dialog.results
    stored = await dialog.partnerships.get(partnership_id)
    assert stored is not None
    assert (stored.partners, stored.form, stored.phase, stored.mandated) == (
        ("provincie", "Breda", "Waalwijk"),
        "wgr",
        "overwegen",
        False,
    )
    assert stored.flags == frozenset({"personal_data"})
    assert (stored.next_evaluation, stored.cadence) == (date(2027, 3, 1), "jaarlijks")
    assert stored.account_holder.id == "aad-anna"


async def test_invalid_typed_values_are_asked_again(harness):
    dialog = harness(STEPS)
    await dialog.say("start")
    [retry, again] = await dialog.say("overslaan")  # the name cannot be skipped
    assert "naam" in retry.text
    assert "Vraag 1 van 9" in card_text(again)
    await _answer_all(dialog, ["Netwerk Zorg", "overslaan", "geen"])
    [retry, again] = await dialog.say("7")  # there is no seventh form
    assert "Vraag 4 van 9" in card_text(again)
    await _answer_all(dialog, ["1", "misschien"])
    [retry, _] = await dialog.say("")
    assert "ja of nee" in retry.text


async def test_back_and_stop(harness):
    dialog = harness(STEPS)
    await dialog.say("start")
    await dialog.say("Netwerk Zorg")
    [back] = await dialog.say("terug")
    assert "Vraag 1 van 9" in card_text(back)
    [stopped] = await dialog.say("stop")
    assert "niets geregistreerd" in stopped.text
    assert dialog.results == [None]


async def test_form_registration_and_its_problems(harness):
    dialog = harness(FORM)
    [form] = await dialog.say("start")
    assert "Registreren" in card_text(form)
    [problems] = await dialog.submit({"action": "partnership_form", "name": "", "form": "x"})
    assert problems.text.startswith("Dat lukte nog niet. Controleer de naam")
    [registered] = await dialog.submit(
        {
            "action": "partnership_form",
            "name": "Netwerk Zorg",
            "form": "geen_binding",
            "mandated": "true",
            "phase": "implementeren",
            "cadence": "halfjaarlijks",
            "first_evaluation": "",
        }
    )
    assert "Netwerk Zorg is geregistreerd" in card_text(registered)
    stored = await dialog.partnerships.get(dialog.results[0])
    assert stored is not None and stored.next_evaluation == date(2027, 5, 23)  # 6 months on
