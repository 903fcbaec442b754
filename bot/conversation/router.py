"""Where each incoming message goes, in a fixed order that never swallows what a user types:

1. a card action, by the contract in bot/cards/actions.py;
2. a command, at any time - the ones that only show something leave a running dialog where it
   was, the ones that start something ask first whether to continue or stop it;
3. the answer to the running dialog's current question (a form waiting is not a question);
4. a question.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import TurnContext

from bot import cards
from bot.cards.actions import (
    SINGLE_USE,
    Action,
    CardAction,
    Confirmation,
    TypedCommand,
    Unusable,
    is_card_action,
    read,
)
from bot.conversation.appraisals import AppraisalActions
from bot.conversation.browse import Browse
from bot.conversation.channels import ChannelBindings
from bot.conversation.commands import Command, ParsedCommand, parse_command
from bot.conversation.evaluations import EvaluationActions
from bot.conversation.experts import Experts
from bot.conversation.guided import GuidedConversations
from bot.conversation.memory import ConversationMemory
from bot.conversation.overview import Overview
from bot.conversation.partnerships import PartnershipActions
from bot.conversation.phases import PhaseActions
from bot.conversation.privacy import Privacy
from bot.conversation.questions import Questions
from bot.conversation.ticket_steps import TicketSteps
from bot.domain.content import Content
from bot.domain.lookup import find_theme
from bot.teams.activity import strip_bot_mention
from bot.teams.replies import replace_card, send_card
from dialogs.intake import INTAKE_DIALOG
from dialogs.partnership import PARTNERSHIP_DIALOG

# A handler may return the card that replaces the clicked one: the click used it up.
Handler = Callable[[TurnContext, CardAction], Awaitable[dict[str, Any] | None]]
# Commands that only show something: they leave a running dialog where it was.
SHOW_ONLY = frozenset(
    {
        Command.THEMES,
        Command.EXPERTS,
        Command.PRIVACY,
        Command.MY_PARTNERSHIPS,
        Command.DELETE_MY_DATA,
        Command.PHASE,
        Command.GOVERNANCE_CYCLE,
    }
)
# 'Vraag een expert' and the channel bindings: a card or a short reply, any time.
CHANNEL_COMMANDS = frozenset({Command.BIND_CHANNEL, Command.UNBIND_CHANNEL, Command.CHANNELS})


class Router:
    def __init__(
        self,
        *,
        content: Content,
        memory: ConversationMemory,
        questions: Questions,
        browse: Browse,
        privacy: Privacy,
        partnerships: PartnershipActions,
        evaluations: EvaluationActions,
        guided: GuidedConversations,
        experts: Experts,
        channels: ChannelBindings,
        overview: Overview,
        ticket_steps: TicketSteps,
        appraisals: AppraisalActions,
        phases: PhaseActions,
    ) -> None:
        self._content = content
        self._memory = memory
        self._questions = questions
        self._browse = browse
        self._privacy = privacy
        self._partnerships = partnerships
        self._guided = guided
        self._experts = experts
        self._channels = channels
        self._overview = overview
        self._appraisals = appraisals
        self._phases = phases
        self.handlers: dict[Action, Handler] = {
            Action.COMMAND: self._on_command_button,
            Action.SHOW: browse.on_show,
            Action.THEME: browse.on_theme,
            Action.EXPERT: browse.on_expert,
            Action.FEEDBACK: questions.on_feedback,
            Action.INTAKE_START: guided.on_start_intake,
            Action.INTAKE_FORM: guided.on_form,
            Action.PARTNERSHIP_NEW: guided.on_start_registration,
            Action.PARTNERSHIP_FORM: guided.on_form,
            Action.DIALOG_CONTINUE: guided.on_continue,
            Action.DIALOG_STOP: guided.on_stop,
            Action.INTAKE_MARKDOWN: partnerships.on_markdown,
            Action.PARTNERSHIPS_MINE: partnerships.on_mine,
            Action.PARTNERSHIP_OPEN: partnerships.on_partnership,
            Action.PARTNERSHIP_UPDATE: partnerships.on_partnership,
            Action.PARTNERSHIP_HANDOVER: partnerships.on_partnership,
            Action.PARTNERSHIP_ACCEPT: partnerships.on_partnership,
            Action.PARTNERSHIP_ARCHIVE: partnerships.on_partnership,
            Action.EVALUATION_START: (
                appraisals.on_start if appraisals.available else evaluations.handle
            ),
            Action.EVALUATION_DONE: evaluations.handle,
            Action.EVALUATION_POSTPONE: evaluations.handle,
            Action.REMINDERS_OFF: evaluations.handle,
            Action.REMINDERS_ON: evaluations.handle,
            Action.DELETE_MY_DATA: privacy.ask_delete,
            Action.TICKET_ASK: experts.on_ask,
            Action.TICKET_SUBMIT: experts.on_submit,
            Action.TICKET_PICK_UP: ticket_steps.on_step,
            Action.TICKET_ANSWER: ticket_steps.on_step,
            Action.TICKET_FORWARD: ticket_steps.on_step,
            Action.TICKET_CLOSE: ticket_steps.on_step,
            Action.TICKET_RESOLVED: ticket_steps.on_step,
            Action.TICKET_FOLLOW_UP: ticket_steps.on_step,
            Action.APPRAISAL_START: appraisals.on_start,
            Action.APPRAISAL_FORM: guided.on_form,
            Action.APPRAISAL_SHOW: appraisals.on_show,
            Action.APPRAISAL_MARKDOWN: appraisals.on_markdown,
            Action.APPRAISAL_PHASE: appraisals.on_phase,
            Action.APPRAISAL_REGISTER: appraisals.on_register,
            Action.PARTNERSHIP_IMPORTANCE: appraisals.on_importance,
            Action.PHASE_SHOW: phases.on_show,
            Action.PHASE_NEXT: phases.on_next,
            Action.ROLES: phases.on_roles,
            Action.REGIME_APPLY: phases.on_regime,
            Action.CONFIRM: self._on_confirm,
            Action.CANCEL: self._on_cancel,
        }

    async def route(self, context: TurnContext) -> None:
        activity = context.activity
        if is_card_action(activity.value):
            await self._on_card(context, activity.value)
            return
        text = strip_bot_mention(activity)
        if not text:
            if activity.value is not None:  # a button from an old card or another app
                await context.send_activity(cards.button_unknown_text(self._content.messages))
            else:
                await self._browse.help(context)
            return
        await self._on_typed(context, text)

    async def _on_typed(self, context: TurnContext, text: str) -> None:
        parsed = parse_command(text)
        if parsed is not None:
            await self._on_command(context, parsed)
        elif not await self._guided.take_typed(context, text):
            await self._questions.answer(context, text)

    # --- card actions ---------------------------------------------------------------------

    async def _on_card(self, context: TurnContext, value: dict[str, Any]) -> None:
        try:
            action = read(value)
        except Unusable:
            await context.send_activity(cards.button_unknown_text(self._content.messages))
            return
        card_id = context.activity.reply_to_id
        if action.action in SINGLE_USE and card_id and await self._memory.is_used(context, card_id):
            await context.send_activity(cards.already_handled_text(self._content.messages))
            return
        replacement = await self.handlers[action.action](context, action)
        if replacement is not None and card_id:
            await self._memory.mark_used(context, card_id)
            await replace_card(context, card_id, replacement)

    async def _on_command_button(self, context: TurnContext, action: CardAction) -> None:
        """A menu, example or answer button: what it says, as if typed (the dialogs read it)."""
        assert isinstance(action.payload, TypedCommand)
        context.activity.text = action.payload.text
        await self._on_typed(context, action.payload.text)

    async def _on_confirm(self, context: TurnContext, action: CardAction) -> dict[str, Any] | None:
        payload = action.payload
        assert isinstance(payload, Confirmation)
        if payload.confirm == "delete_my_data":
            return await self._privacy.delete(context)
        if payload.confirm == "dialog_stop":
            return await self._guided.stop(context)
        return await self._partnerships.archive(context, payload.id)

    async def _on_cancel(self, context: TurnContext, action: CardAction) -> dict[str, Any]:
        text = cards.cancelled_text(self._content.messages)
        await context.send_activity(text)
        return cards.used_card(self._content.messages, text)

    # --- commands -------------------------------------------------------------------------

    async def _on_command(self, context: TurnContext, parsed: ParsedCommand) -> None:
        command = parsed.command
        if command is Command.HELP:
            if not await self._guided.take_typed(context, "help"):
                await self._browse.help(context)
        elif command in SHOW_ONLY:
            await self._show(context, command)
        elif command is Command.ASK_EXPERT:
            await self._experts.ask(context, parsed.raw_argument)
        elif command is Command.OVERVIEW:
            await self._overview.show(context)
        elif command in CHANNEL_COMMANDS:
            await self._channels.on_command(context, parsed)
        elif command is Command.NEW_PARTNERSHIP:
            await self._guided.begin(context, PARTNERSHIP_DIALOG, {"mode": "form"})
        elif command is Command.APPRAISAL:
            await self._appraisals.on_command(context)
        else:  # Command.INTAKE
            theme = find_theme(self._content, parsed.argument)
            if theme is None:
                await self._browse.themes(context)
            elif await self._guided.running(context):
                await self._guided.offer_resume(
                    context, (INTAKE_DIALOG, {"theme": theme.key, "mode": "steps"})
                )
            else:
                await send_card(
                    context, cards.intake_choice_card(self._content.messages, theme, None)
                )

    async def _show(self, context: TurnContext, command: Command) -> None:
        if command is Command.THEMES:
            await self._browse.themes(context)
        elif command is Command.EXPERTS:
            await self._browse.experts(context)
        elif command is Command.PRIVACY:
            await self._privacy.show(context)
        elif command is Command.DELETE_MY_DATA:
            await self._privacy.ask_delete(context)
        elif command is Command.PHASE:
            await self._phases.on_command(context)
        elif command is Command.GOVERNANCE_CYCLE:
            await self._phases.on_cycle(context)
        else:
            await self._partnerships.show_mine(context)
