"""What the bot keeps about a person ('privacy'), and forgetting it after a confirmation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import ConversationState, TurnContext, UserState

from bot import cards
from bot.cards.actions import CardAction
from bot.cards.tickets import ticket_privacy_lines
from bot.conversation.memory import ConversationMemory
from bot.domain.messages import Messages
from bot.domain.retention import DEFAULT_RETENTION, RetentionPeriods
from bot.store.appraisals import AppraisalRepository
from bot.store.references import ReferenceRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.store.tickets import TicketRepository
from bot.teams.replies import send_card, sender


class Privacy:
    def __init__(
        self,
        messages: Messages,
        memory: ConversationMemory,
        conversation_state: ConversationState,
        user_state: UserState,
        partnerships: PartnershipRepository,
        intakes: IntakeRepository,
        references: ReferenceRepository,
        running_dialog: Callable[[TurnContext], Awaitable[bool]],
        tickets: TicketRepository,
        appraisals: AppraisalRepository | None = None,
        retention: RetentionPeriods = DEFAULT_RETENTION,
    ) -> None:
        self._messages = messages
        self._memory = memory
        self._conversation_state = conversation_state
        self._user_state = user_state
        self._partnerships = partnerships
        self._intakes = intakes
        self._references = references
        self._running_dialog = running_dialog
        self._tickets = tickets
        self._appraisals = appraisals
        self._retention = retention

    async def show(self, context: TurnContext) -> None:
        await send_card(
            context,
            cards.privacy_card(self._messages, await self._stored_lines(context), self._retention),
        )

    async def ask_delete(self, context: TurnContext, action: CardAction | None = None) -> None:
        await send_card(context, self._confirmation())

    async def delete(self, context: TurnContext) -> dict[str, Any]:
        """Forget the person; partnerships they hold stay, as the organisation needs them."""
        person = sender(context)
        states = [self._user_state]
        if context.activity.conversation.conversation_type in (None, "personal"):
            states.append(self._conversation_state)
        for state in states:
            await state.load(context)  # botbuilder deletes only what it has loaded
            await state.delete(context)
        await self._partnerships.forget_person(person.id)
        await self._intakes.forget_user(person.id)
        if self._appraisals is not None:
            await self._appraisals.forget_user(person.id)
        await self._references.forget_user(person.id)
        await self._tickets.forget_person(person.id)  # questions and answers stay, without the name
        held = [
            p for p in await self._partnerships.mine(person.id) if p.account_holder.id == person.id
        ]
        done = cards.data_deleted_text(self._messages)
        await context.send_activity(done)
        if held:
            await context.send_activity(
                cards.still_account_holder_text(self._messages, [p.name for p in held])
            )
        return cards.used_card(self._messages, done)

    def _confirmation(self) -> dict[str, Any]:
        question = cards.confirm_question(self._messages, "delete_my_data")
        return cards.confirmation_card(self._messages, "delete_my_data", question)

    async def _stored_lines(self, context: TurnContext) -> list[str]:
        memory = await self._memory.get(context)
        person = sender(context)
        lines = []
        if memory.get("welcomed"):
            lines.append(self._messages.say("privacy_stored_welcome"))
        if memory.get("options"):
            lines.append(self._messages.say("privacy_stored_options"))
        if await self._running_dialog(context):
            lines.append(self._messages.say("privacy_stored_dialog"))
        partnerships = await self._partnerships.mine(person.id, include_archived=True)
        if partnerships:
            lines.append(self._messages.count("privacy_stored_partnerships", len(partnerships)))
        if await self._references.personal(person.id) is not None:
            lines.append(self._messages.say("privacy_stored_reference"))
        intakes = await self._intakes.by_user(person.id)
        if intakes:
            lines.append(self._messages.count("privacy_stored_intakes", len(intakes)))
        lines += ticket_privacy_lines(
            self._messages,
            await self._tickets.by_asker(person.id),
            last_question=bool(memory.get("last_question")),
        )
        appraisals = await self._appraisals.by_user(person.id) if self._appraisals else []
        if appraisals:
            lines.append(self._messages.count("appraisal_privacy_stored", len(appraisals)))
        return lines
