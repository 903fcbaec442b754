"""What the bot keeps about a person ('privacy'), and forgetting it after a confirmation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import ConversationState, TurnContext, UserState

from bot import cards
from bot.cards import appraisal_texts
from bot.cards.actions import CardAction
from bot.cards.used import settled
from bot.conversation.memory import ConversationMemory
from bot.store.appraisals import AppraisalRepository
from bot.store.references import ReferenceRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.teams.replies import send_card, sender


class Privacy:
    def __init__(
        self,
        memory: ConversationMemory,
        conversation_state: ConversationState,
        user_state: UserState,
        partnerships: PartnershipRepository,
        intakes: IntakeRepository,
        references: ReferenceRepository,
        running_dialog: Callable[[TurnContext], Awaitable[bool]],
        appraisals: AppraisalRepository | None = None,
    ) -> None:
        self._memory = memory
        self._conversation_state = conversation_state
        self._user_state = user_state
        self._partnerships = partnerships
        self._intakes = intakes
        self._references = references
        self._running_dialog = running_dialog
        self._appraisals = appraisals

    async def show(self, context: TurnContext) -> None:
        await send_card(context, cards.privacy_card(await self._stored_lines(context)))

    async def ask_delete(self, context: TurnContext, action: CardAction | None = None) -> None:
        await send_card(context, cards.confirm_delete_card())

    async def delete(self, context: TurnContext) -> dict[str, Any]:
        """Forget the person; partnerships they hold stay, as the organisation needs them."""
        person = sender(context)
        states = [self._user_state]
        if context.activity.conversation.conversation_type in (None, "personal"):
            states.append(self._conversation_state)
        for state in states:
            await state.load(context)  # botbuilder deletes only what it has loaded
            await state.delete(context)
        self._partnerships.forget_person(person.id)
        self._intakes.forget_user(person.id)
        if self._appraisals is not None:
            self._appraisals.forget_user(person.id)
        self._references.forget_user(person.id)
        held = [p for p in self._partnerships.mine(person.id) if p.account_holder.id == person.id]
        done = cards.data_deleted_text()
        await context.send_activity(done)
        if held:
            await context.send_activity(cards.still_account_holder_text([p.name for p in held]))
        return settled(cards.confirm_delete_card(), done)

    async def _stored_lines(self, context: TurnContext) -> list[str]:
        memory = await self._memory.get(context)
        person = sender(context)
        lines = []
        if memory.get("welcomed"):
            lines.append(cards.STORED_WELCOME)
        if memory.get("options"):
            lines.append(cards.STORED_OPTIONS)
        if await self._running_dialog(context):
            lines.append(cards.STORED_DIALOG)
        partnerships = self._partnerships.mine(person.id, include_archived=True)
        if partnerships:
            lines.append(cards.stored_partnerships_line(len(partnerships)))
        if self._references.personal(person.id) is not None:
            lines.append(cards.STORED_REFERENCE)
        intakes = self._intakes.by_user(person.id)
        if intakes:
            lines.append(cards.stored_intakes_line(len(intakes)))
        appraisals = self._appraisals.by_user(person.id) if self._appraisals else []
        if appraisals:
            lines.append(appraisal_texts.stored_appraisals_line(len(appraisals)))
        return lines
