from __future__ import annotations

from pathlib import Path

from bot.store.database import open_database
from bot.store.state_storage import SqlStateStorage
from tests.dialogs.conftest import DialogHarness, card_text

STEPS = ("intake", {"theme": "juridisch", "mode": "steps"})
FORM = ("intake", {"theme": "juridisch", "mode": "form"})


async def test_step_by_step_asks_each_question_with_its_number(harness):
    dialog = harness(STEPS)
    [first] = await dialog.say("start")
    assert "Vraag 1 van 8 · Juridisch" in card_text(first)
    [second] = await dialog.say("Ja")
    assert "Vraag 2 van 8" in card_text(second)
    assert "Is er sprake van staatssteun?" in card_text(second)


async def test_typed_answers_with_notes_skip_and_back_make_the_summary(harness):
    dialog = harness(STEPS)
    await dialog.say("start")
    await dialog.say("nee, we hebben alleen mails")  # jur-1 nee + note
    await dialog.say("weet ik niet")  # jur-2
    [back] = await dialog.say("terug")
    assert "Vraag 2 van 8" in card_text(back)
    await dialog.say("ja")  # jur-2 again: ja
    await dialog.say("overslaan")  # jur-3 skipped
    for answer in ("ja", "ja", "n.v.t.", "ja"):
        await dialog.say(answer)
    [summary] = await dialog.say("nee")
    text = card_text(summary)
    assert "7 van 8 vragen beantwoord" in text and "1 overgeslagen" in text
    [intake_id] = dialog.results
    stored = await dialog.intakes.get(intake_id)
    assert stored is not None
    answers = {a.item_id: (a.answer, a.note) for a in stored.answers}
    assert answers["jur-1"] == ("nee", "we hebben alleen mails")
    assert answers["jur-2"] == ("ja", None)
    assert answers["jur-3"] == (None, None)
    assert "Is er een overeenkomst?" in stored.summary_markdown


async def test_text_without_an_answer_is_kept_as_a_note_and_the_question_asked_again(harness):
    dialog = harness(STEPS)
    await dialog.say("start")
    [again] = await dialog.say("de SOK ligt bij de provincie")
    assert "Vraag 1 van 8" in card_text(again)
    assert "Notitie: de SOK ligt bij de provincie" in card_text(again)


async def test_help_explains_and_asks_the_same_question_again(harness):
    dialog = harness(STEPS)
    await dialog.say("start")
    await dialog.say("ja")
    explanation, question = await dialog.say("help")
    assert "overslaan" in explanation.text
    assert "Vraag 2 van 8" in card_text(question)


async def test_stop_keeps_what_was_answered(harness):
    dialog = harness(STEPS)
    await dialog.say("start")
    await dialog.say("nee")
    [summary] = await dialog.say("stop")
    assert "1 van 8 vragen beantwoord" in card_text(summary)
    assert len(dialog.results) == 1


async def test_stop_before_any_answer_stores_nothing(harness):
    dialog = harness(STEPS)
    await dialog.say("start")
    [stopped] = await dialog.say("stop")
    assert stopped.attachments is None or stopped.attachments == []
    assert dialog.results == [None]


async def test_form_submit_answers_every_question_at_once(harness, content):
    dialog = harness(FORM)
    [form] = await dialog.say("start")
    assert "answer__jur-1" in str(form.attachments[0].content)
    value = {"action": "intake_form", "theme": "juridisch"}
    juridisch = next(theme for theme in content.themes if theme.key == "juridisch")
    value |= {f"answer__{item.id}": "ja" for item in juridisch.items}
    value |= {"answer__jur-1": "nee", "note__jur-1": "volgt", "answer__jur-3": ""}
    [summary] = await dialog.submit(value)
    assert "7 van 8 vragen beantwoord" in card_text(summary)
    stored = await dialog.intakes.get(dialog.results[0])
    assert stored is not None and stored.answers[0].note == "volgt"


async def test_typed_text_reaching_a_waiting_form_shows_the_form_again(harness):
    dialog = harness(FORM)
    await dialog.say("start")
    [form] = await dialog.say("ik typ liever")
    assert "Versturen" in card_text(form) and "Vraag 1 van 8" not in card_text(form)


async def test_invalid_form_values_count_as_not_answered(harness):
    dialog = harness(FORM)
    await dialog.say("start")
    [summary] = await dialog.submit(
        {"action": "intake_form", "theme": "juridisch", "answer__jur-1": "misschien"}
    )
    assert "0 van 8 vragen beantwoord" in card_text(summary)


async def test_an_intake_resumes_after_a_restart(content, tmp_path: Path):
    url = f"sqlite:///{tmp_path}/bot.db"
    first_db = open_database(url)
    first = DialogHarness(content, first_db, SqlStateStorage(first_db), STEPS)
    await first.say("start")
    await first.say("ja")
    await first_db.close()
    async with open_database(url) as second_db:
        restarted = DialogHarness(content, second_db, SqlStateStorage(second_db), STEPS)
        [third] = await restarted.say("nee")
    assert "Vraag 3 van 8" in card_text(third)
