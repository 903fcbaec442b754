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
from bot.cards.actions import Action, CardAction, IntakeForm
from bot.domain.content import Content
from bot.domain.intake import ANSWERS, ItemAnswer, StoredIntake, evaluate_intake, parse_answer
from bot.domain.models import Theme
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.teams.replies import send_card, sender
from dialogs.guided import GuidedDialog, QuestionDesk

INTAKE_DIALOG = "intake"


class IntakeDialog(GuidedDialog):
    form_action = Action.INTAKE_FORM

    def __init__(
        self,
        content: Content,
        intakes: IntakeRepository,
        partnerships: PartnershipRepository,
        clock: Callable[[], datetime],
        questions: QuestionDesk,
    ) -> None:
        super().__init__(INTAKE_DIALOG, content, questions)
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
            return await self._take_form(dc, options["values"])
        return await self.reprompt(dc)

    async def _take_form(self, dc: DialogContext, values: dict[str, Any]) -> DialogTurnResult:
        state = dc.active_dialog.state
        _take_form(state, values, self._themes[state["theme"]])
        return await self._complete(dc)

    async def _take_answer(self, dc: DialogContext, text: str, skip: bool) -> DialogTurnResult:
        state = dc.active_dialog.state
        item_id = self._current_item(state).id
        if skip:
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

    async def _stop(self, dc: DialogContext) -> DialogTurnResult:
        return await self._complete(dc, stopped=True)

    def _reads(self, state: dict[str, Any], text: str) -> bool:
        return parse_answer(text)[0] is not None

    def help_text(self) -> str:
        return cards.intake_help_text(self._messages)

    def position(self, state: dict[str, Any]) -> tuple[int, int]:
        return state["index"] + 1, len(self._themes[state["theme"]].items)

    def still_valid(self, state: dict[str, Any]) -> bool:
        return state.get("theme") in self._themes

    def owns_form(self, state: dict[str, Any], action: CardAction) -> bool:
        payload = action.payload
        return isinstance(payload, IntakeForm) and payload.theme == state["theme"]

    async def send_resume_card(self, context: TurnContext, state: dict[str, Any]) -> None:
        theme = self._themes[state["theme"]]
        await send_card(
            context, cards.intake_resume_card(self._messages, theme, *self.position(state))
        )

    async def send_resumed(self, context: TurnContext, state: dict[str, Any]) -> None:
        theme = self._themes[state["theme"]]
        await context.send_activity(
            cards.intake_resumed_text(self._messages, theme.title, *self.position(state))
        )

    def stopped_text(self, state: dict[str, Any]) -> str:
        return cards.intake_discarded_text(self._messages, self._themes[state["theme"]].title)

    def stop_question(self, state: dict[str, Any]) -> str:
        theme = self._themes[state["theme"]].title
        answered = sum(1 for answer in state["answers"].values() if answer)
        return cards.confirm_question(self._messages, "dialog_stop", theme=theme, answered=answered)

    async def _prompt(self, context: TurnContext, state: dict[str, Any]) -> None:
        """The form, or the current question; also after an interruption or a restart."""
        theme = self._themes[state["theme"]]
        if state["mode"] == "form":
            await send_card(context, cards.intake_form_card(theme, self._content))
            return
        item = self._current_item(state)
        card = cards.intake_question_card(
            self._messages,
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
            await dc.context.send_activity(cards.intake_stopped_text(self._messages))
            return await dc.end_dialog()
        outcome = evaluate_intake(theme, answers, self._content)
        partnership = (
            await self._partnerships.get(state["partnership"]) if state["partnership"] else None
        )
        name = partnership.name if partnership else None
        now = self._clock()
        stored = await self._intakes.add(
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


def _take_form(state: dict[str, Any], value: dict[str, Any], theme: Theme) -> None:
    for item in theme.items:
        answer = value.get(f"answer__{item.id}")
        note = value.get(f"note__{item.id}")
        state["answers"][item.id] = answer if answer in ANSWERS else None
        if isinstance(note, str) and note.strip():
            state["notes"][item.id] = note.strip()
