"""A theme intake: every checklist question of a theme, by one form or step by step.

One dialog serves every theme; the questions and the rules come from content. The dialog's
state is plain JSON, so an interrupted intake continues after a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import DialogContext, DialogTurnResult

from bot import cards
from bot.domain.content import Content
from bot.domain.intake import ANSWERS, ItemAnswer, StoredIntake, evaluate_intake, parse_answer
from bot.domain.models import Theme
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.teams.replies import send_card, sender
from dialogs.guided import GuidedDialog, submitted_value
from dialogs.steps import Step, parse_step

INTAKE_DIALOG = "intake"
FORM_ACTION = "intake_form"


class IntakeDialog(GuidedDialog):
    def __init__(
        self,
        content: Content,
        intakes: IntakeRepository,
        partnerships: PartnershipRepository,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(INTAKE_DIALOG)
        self._content = content
        self._themes = {theme.key: theme for theme in content.themes}
        self._intakes = intakes
        self._partnerships = partnerships
        self._clock = clock

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        options = options or {}
        theme = self._themes[options["theme"]]
        state = dc.active_dialog.state
        state.update(
            theme=theme.key,
            mode="form" if options.get("mode") == "form" else "steps",
            index=0,
            answers={},
            notes={},
            partnership=options.get("partnership"),
        )
        if options.get("submitted"):  # a form that arrived without a running intake
            _take_form(state, options["values"], theme)
            return await self._complete(dc)
        return await self.reprompt(dc)

    async def continue_dialog(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        activity = dc.context.activity
        value = submitted_value(dc)
        if value.get("action") == FORM_ACTION and value.get("theme") == state["theme"]:
            _take_form(state, value, self._themes[state["theme"]])
            return await self._complete(dc)
        text = (activity.text or "").strip()
        step = parse_step(text)
        if step is Step.STOP:
            return await self._complete(dc, stopped=True)
        if state["mode"] == "form":  # typing instead of filling in the form: go step by step
            state["mode"] = "steps"
            return await self.reprompt(dc)
        if step is Step.HELP:
            await dc.context.send_activity(cards.intake_help_text(self._content.messages))
            return await self.reprompt(dc)
        if step is Step.BACK:
            state["index"] = max(0, state["index"] - 1)
            return await self.reprompt(dc)
        item_id = self._current_item(state).id
        if step is Step.SKIP:
            state["answers"][item_id] = None
        else:
            answer, note = parse_answer(text)
            if note:
                state["notes"][item_id] = note
            if answer is None:  # only a note: keep it and ask for the answer again
                return await self.reprompt(dc)
            state["answers"][item_id] = answer
        state["index"] += 1
        if state["index"] >= len(self._themes[state["theme"]].items):
            return await self._complete(dc)
        return await self.reprompt(dc)

    async def _prompt(self, context: TurnContext, state: dict[str, Any]) -> None:
        """The form, or the current question; also after an interruption or a restart."""
        theme = self._themes[state["theme"]]
        if state["mode"] == "form":
            await send_card(context, cards.intake_form_card(theme, self._content))
            return
        item = self._current_item(state)
        card = cards.intake_question_card(
            self._content.messages,
            theme,
            item,
            state["index"] + 1,
            len(theme.items),
            state["notes"].get(item.id),
        )
        await send_card(context, card)

    def _current_item(self, state: dict[str, Any]) -> Any:
        return self._themes[state["theme"]].items[state["index"]]

    async def _complete(self, dc: DialogContext, *, stopped: bool = False) -> DialogTurnResult:
        """Store and summarise what was answered; stopping early loses nothing already given."""
        state = dc.active_dialog.state
        theme = self._themes[state["theme"]]
        answers = {
            item_id: ItemAnswer(item_id, answer, state["notes"].get(item_id))
            for item_id, answer in state["answers"].items()
        }
        if stopped and not any(a.answer for a in answers.values()):
            await dc.context.send_activity(cards.intake_stopped_text(self._content.messages))
            return await dc.end_dialog()
        outcome = evaluate_intake(theme, answers, self._content)
        partnership = self._partnerships.get(state["partnership"]) if state["partnership"] else None
        name = partnership.name if partnership else None
        now = self._clock()
        stored = self._intakes.add(
            StoredIntake(
                id=None,
                partnership_id=partnership.id if partnership else None,
                theme=theme.key,
                user_id=sender(dc.context).id,
                completed_at=now,
                answers=outcome.answers,
                summary_markdown=cards.intake_summary_markdown(outcome, self._content, name, now),
            )
        )
        await send_card(
            dc.context, cards.intake_summary_card(outcome, self._content, stored.id, name)
        )
        return await dc.end_dialog(stored.id)

    def progress(self, state: dict[str, Any]) -> tuple[Theme, int]:
        """The theme of an unfinished intake and the number of its current question."""
        return self._themes[state["theme"]], state["index"] + 1


def _take_form(state: dict[str, Any], value: dict[str, Any], theme: Theme) -> None:
    for item in theme.items:
        answer = value.get(f"answer__{item.id}")
        note = value.get(f"note__{item.id}")
        state["answers"][item.id] = answer if answer in ANSWERS else None
        if isinstance(note, str) and note.strip():
            state["notes"][item.id] = note.strip()
