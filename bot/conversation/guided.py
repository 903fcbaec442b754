"""Running the guided conversations (intakes, registration): start, resume or stop, forms.

A new start while another is unfinished asks first: continue that one, or stop it. A form
submitted for a dialog that is not running (an old card, or one from before a restart)
completes on its own, or waits behind the same question - nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from botbuilder.core import ConversationState, TurnContext
from botbuilder.dialogs import DialogContext, DialogSet, DialogTurnStatus

from bot import cards
from bot.cards.actions import Action, CardAction, IntakeForm, IntakeStart, RegistrationStart
from bot.conversation.memory import ConversationMemory
from bot.domain.content import Content
from bot.domain.lookup import theme_by_key
from bot.teams.replies import send_card
from dialogs.appraisal import APPRAISAL_DIALOG
from dialogs.guided import GuidedDialog
from dialogs.intake import INTAKE_DIALOG
from dialogs.partnership import PARTNERSHIP_DIALOG

Requested = tuple[str, dict[str, Any]]
FORM_DIALOGS = {
    Action.INTAKE_FORM: INTAKE_DIALOG,
    Action.PARTNERSHIP_FORM: PARTNERSHIP_DIALOG,
    Action.APPRAISAL_FORM: APPRAISAL_DIALOG,
}


class GuidedConversations:
    def __init__(
        self,
        content: Content,
        conversation_state: ConversationState,
        memory: ConversationMemory,
        dialogs: list[GuidedDialog],
    ) -> None:
        self._content = content
        self._messages = content.messages
        self._memory = memory
        self._set = DialogSet(conversation_state.create_property("dialogs"))
        self._dialogs = {dialog.id: dialog for dialog in dialogs}
        for dialog in dialogs:
            self._set.add(dialog)

    async def _context(self, context: TurnContext) -> DialogContext:
        """The dialog context; a dialog that the content no longer supports is ended."""
        dc = await self._set.create_context(context)
        active = dc.active_dialog
        if active is not None and not self._dialogs[active.id].still_valid(active.state):
            await dc.cancel_all_dialogs()
            await context.send_activity(cards.stale_dialog_text(self._messages))
        return dc

    async def running(self, context: TurnContext) -> bool:
        return (await self._context(context)).active_dialog is not None

    async def take_typed(self, context: TurnContext, text: str) -> bool:
        """Let the running dialog answer typed text it is waiting for; False when it is not."""
        dc = await self._context(context)
        active = dc.active_dialog
        if active is None or not self._dialogs[active.id].takes_typed(active.state, text):
            return False
        await dc.continue_dialog()
        return True

    async def begin(self, context: TurnContext, dialog_id: str, options: dict[str, Any]) -> bool:
        """Start a dialog; True when it ran to its end in this turn (a complete form)."""
        dc = await self._context(context)
        if dc.active_dialog is not None:
            await self.offer_resume(context, (dialog_id, options))
            return False
        result = await dc.begin_dialog(dialog_id, options)
        return bool(result.status == DialogTurnStatus.Complete)

    async def offer_resume(self, context: TurnContext, requested: Requested | None) -> None:
        """Something new while a dialog is unfinished: continue it, or stop it."""
        dc = await self._context(context)
        if dc.active_dialog is None:
            if requested:
                await self.begin(context, *requested)
            return
        (await self._memory.get(context))["requested"] = list(requested) if requested else None
        active = dc.active_dialog
        await self._dialogs[active.id].send_resume_card(context, active.state)

    async def on_start_intake(self, context: TurnContext, action: CardAction) -> None:
        payload = action.payload
        assert isinstance(payload, IntakeStart)
        if theme_by_key(self._content, payload.theme) is None:
            await context.send_activity(cards.unknown_item_text(self._messages))
            return
        await self.begin(context, INTAKE_DIALOG, payload.model_dump())

    async def on_start_registration(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, RegistrationStart)
        await self.begin(context, PARTNERSHIP_DIALOG, action.payload.model_dump())

    async def on_form(self, context: TurnContext, action: CardAction) -> dict[str, Any] | None:
        """A submitted form continues its own dialog, or completes on its own."""
        dialog_id = FORM_DIALOGS[action.action]
        payload = action.payload
        if isinstance(payload, IntakeForm) and theme_by_key(self._content, payload.theme) is None:
            await context.send_activity(cards.unknown_item_text(self._messages))
            return None
        dc = await self._context(context)
        active = dc.active_dialog
        if active is not None and self._dialogs[active.id].owns_form(active.state, action):
            done = (await dc.continue_dialog()).status == DialogTurnStatus.Complete
        else:
            options = {**payload.model_dump(), "mode": "form", "values": action.values}
            done = await self.begin(context, dialog_id, {**options, "submitted": True})
        moved_on = action.action is Action.APPRAISAL_FORM  # the next part is in the chat
        if not (done or moved_on):
            return None
        return cards.used_card(self._messages, cards.used_line(self._messages, "form"))

    async def on_continue(self, context: TurnContext, action: CardAction) -> dict[str, Any] | None:
        dc = await self._context(context)
        (await self._memory.get(context)).pop("requested", None)
        if dc.active_dialog is None:
            await context.send_activity(cards.nothing_to_resume_text(self._messages))
            return None
        await self._dialogs[dc.active_dialog.id].send_resumed(context, dc.active_dialog.state)
        await dc.reprompt_dialog()
        return cards.used_card(self._messages, cards.used_line(self._messages, "continued"))

    async def on_stop(self, context: TurnContext, action: CardAction) -> dict[str, Any] | None:
        """Stop the unfinished dialog; with answers given, only after a confirmation."""
        dc = await self._context(context)
        active = dc.active_dialog
        if active is None:
            await context.send_activity(cards.nothing_to_resume_text(self._messages))
            return None
        if self._dialogs[active.id].has_answers(active.state):
            dialog = self._dialogs[active.id]
            question = dialog.stop_question(active.state)
            await send_card(
                context, cards.confirmation_card(self._messages, "dialog_stop", question)
            )
            return None
        return await self.stop(context)

    async def stop(self, context: TurnContext) -> dict[str, Any] | None:
        """Throw the unfinished dialog away, then start what was asked for, if anything."""
        dc = await self._context(context)
        requested = (await self._memory.get(context)).pop("requested", None)
        if dc.active_dialog is None:
            await context.send_activity(cards.nothing_to_resume_text(self._messages))
            return None
        stopped = self._dialogs[dc.active_dialog.id].stopped_text(dc.active_dialog.state)
        await dc.cancel_all_dialogs()
        await context.send_activity(stopped)
        if requested:
            await self.begin(context, requested[0], requested[1])
        return cards.used_card(self._messages, stopped)
