"""What every guided conversation shares: a form or one question at a time, the words that
steer it (stop, help, back, skip), questions typed in between, and resuming after an
interruption or a restart."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, Protocol

from botbuilder.core import TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogInstance, DialogTurnResult

from bot import cards
from bot.cards.actions import Action, CardAction
from bot.domain.content import Content
from bot.teams.activity import strip_bot_mention
from dialogs.steps import Step, parse_step


class QuestionDesk(Protocol):
    """Answers a question typed in the middle of a dialog (the conversation's questions)."""

    def looks_like_question(self, text: str) -> bool: ...

    async def answer(self, context: TurnContext, text: str) -> None: ...


class GuidedDialog(Dialog):  # type: ignore[misc]
    form_action: Action

    def __init__(self, dialog_id: str, content: Content, questions: QuestionDesk) -> None:
        super().__init__(dialog_id)
        self._content = content
        self._messages = content.messages
        self._questions = questions

    # --- what each dialog says and does -------------------------------------------------

    @abstractmethod
    async def _prompt(self, context: TurnContext, state: dict[str, Any]) -> None:
        """Send the form, or the current question."""

    @abstractmethod
    async def _take_form(self, dc: DialogContext, values: dict[str, Any]) -> DialogTurnResult:
        """The submitted form's values."""

    @abstractmethod
    async def _take_answer(self, dc: DialogContext, text: str, skip: bool) -> DialogTurnResult:
        """A typed answer to the current question (or 'overslaan')."""

    @abstractmethod
    async def _stop(self, dc: DialogContext) -> DialogTurnResult:
        """'stop' typed: end the dialog, keeping what can be kept."""

    @abstractmethod
    def _reads(self, state: dict[str, Any], text: str) -> bool:
        """Whether `text` is an answer the current question accepts."""

    @abstractmethod
    def help_text(self) -> str: ...

    @abstractmethod
    def position(self, state: dict[str, Any]) -> tuple[int, int]:
        """The number of the current question and how many there are."""

    @abstractmethod
    async def send_resume_card(self, context: TurnContext, state: dict[str, Any]) -> None:
        """'Je bent nog bezig met…': continue, or stop."""

    @abstractmethod
    def stopped_text(self, state: dict[str, Any]) -> str:
        """After 'stoppen' on the resume card: what was thrown away."""

    @abstractmethod
    def stop_question(self, state: dict[str, Any]) -> str:
        """Asked before throwing away answers already given."""

    def has_answers(self, state: dict[str, Any]) -> bool:
        return bool(state.get("answers") or state.get("values"))

    def still_valid(self, state: dict[str, Any]) -> bool:
        """False when the content changed so that this dialog cannot go on."""
        return True

    def owns_form(self, state: dict[str, Any], action: CardAction) -> bool:
        return action.action is self.form_action

    async def send_resumed(self, context: TurnContext, state: dict[str, Any]) -> None:
        number, total = self.position(state)
        await context.send_activity(self._messages.say("resumed", index=number, total=total))

    # --- the shared flow ----------------------------------------------------------------

    def takes_typed(self, state: dict[str, Any], text: str) -> bool:
        """While a form waits, typed text is the user's own question - except stop and help."""
        return state.get("mode") != "form" or parse_step(text) in (Step.STOP, Step.HELP)

    async def continue_dialog(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        value = submitted_value(dc)
        if value.get("action") == self.form_action.value:
            return await self._take_form(dc, value)
        text = strip_bot_mention(dc.context.activity)
        step = parse_step(text)
        if step is Step.STOP:
            return await self._stop(dc)
        if step is Step.HELP:
            await dc.context.send_activity(self.help_text())
            return await self.reprompt(dc)
        if state.get("mode") == "form" or step is Step.BACK:
            state["index"] = max(0, state.get("index", 0) - (step is Step.BACK))
            return await self.reprompt(dc)
        if (
            step is None
            and not self._reads(state, text)
            and self._questions.looks_like_question(text)
        ):
            await dc.context.send_activity(
                cards.question_during_step_text(self._messages, self.position(state)[0])
            )
            await self._questions.answer(dc.context, text)
            return await self.reprompt(dc)
        return await self._take_answer(dc, text, skip=step is Step.SKIP)

    async def reprompt_dialog(self, context: TurnContext, instance: DialogInstance) -> None:
        await self._prompt(context, instance.state)

    async def reprompt(self, dc: DialogContext) -> DialogTurnResult:
        await self._prompt(dc.context, dc.active_dialog.state)
        return Dialog.end_of_turn


def submitted_value(dc: DialogContext) -> dict[str, Any]:
    """The data of a clicked card button or submitted form; empty for typed text."""
    value = dc.context.activity.value
    return value if isinstance(value, dict) else {}
