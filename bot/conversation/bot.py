"""The Teams bot: a turn comes in, goes to the router, and its state is saved."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from botbuilder.core import ConversationState, InvokeResponse, TurnContext, UserState
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import ChannelAccount

from bot.conversation.appraisals import AppraisalActions
from bot.conversation.browse import Browse
from bot.conversation.channels import ChannelBindings
from bot.conversation.evaluations import EvaluationActions
from bot.conversation.experts import Deliver, Experts
from bot.conversation.guided import GuidedConversations
from bot.conversation.memory import ConversationMemory
from bot.conversation.overview import Overview
from bot.conversation.partnerships import PartnershipActions
from bot.conversation.phases import PhaseActions
from bot.conversation.privacy import Privacy
from bot.conversation.questions import Questions
from bot.conversation.router import Router
from bot.conversation.search import (
    COMMAND_ID,
    messaging_extension_response,
    query_skip,
    query_text,
    search,
)
from bot.conversation.ticket_steps import TicketSteps
from bot.domain.content import Content
from bot.domain.matcher import Matcher
from bot.domain.retention import DEFAULT_RETENTION, RetentionPeriods
from bot.store.appraisals import AppraisalRepository
from bot.store.feedback import FeedbackRepository
from bot.store.references import ReferenceRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.store.tickets import TicketRepository
from bot.teams import lifecycle
from bot.teams.activity import channel_of, reference_key, team_of
from dialogs.appraisal import AppraisalDialog
from dialogs.intake import IntakeDialog
from dialogs.partnership import PartnershipDialog

log = logging.getLogger(__name__)


class SamenwerkwijzerBot(TeamsActivityHandler):  # type: ignore[misc]
    def __init__(
        self,
        *,
        content: Content,
        matcher: Matcher,
        conversation_state: ConversationState,
        user_state: UserState,
        feedback: FeedbackRepository,
        partnerships: PartnershipRepository,
        intakes: IntakeRepository,
        appraisals: AppraisalRepository,
        references: ReferenceRepository,
        tickets: TicketRepository,
        deliver_tickets: Deliver,
        administrators: frozenset[str],
        calendar_url: Callable[[int], str | None],
        export_url: Callable[[datetime], str | None],
        store_question_text: bool,
        log_message_text: bool,
        clock: Callable[[], datetime],
        retention: RetentionPeriods = DEFAULT_RETENTION,
    ) -> None:
        super().__init__()
        self._content = content
        self._matcher = matcher
        self._conversation_state = conversation_state
        self._user_state = user_state
        self._references = references
        self._log_message_text = log_message_text
        self._clock = clock
        self._memory = ConversationMemory(conversation_state)
        questions = Questions(
            content,
            matcher,
            self._memory,
            feedback,
            store_question_text=store_question_text,
            clock=clock,
        )
        guided = GuidedConversations(
            content,
            conversation_state,
            self._memory,
            [
                IntakeDialog(content, intakes, partnerships, clock, questions),
                PartnershipDialog(content, partnerships, clock, questions, appraisals),
                AppraisalDialog(content, appraisals, partnerships, clock, questions),
            ],
        )
        self._browse = Browse(content, questions)
        self.experts = Experts(
            content,
            matcher,
            self._memory,
            tickets,
            partnerships,
            clock,
            deliver_tickets,
        )
        self.channels = ChannelBindings(content, tickets, administrators, clock, deliver_tickets)
        self.router = Router(
            content=content,
            memory=self._memory,
            questions=questions,
            browse=self._browse,
            privacy=Privacy(
                content.messages,
                self._memory,
                conversation_state,
                user_state,
                partnerships,
                intakes,
                references,
                guided.running,
                tickets,
                appraisals,
                retention,
            ),
            partnerships=PartnershipActions(
                content,
                partnerships,
                intakes,
                references,
                administrators,
                clock,
                calendar_url,
                appraisals,
            ),
            evaluations=EvaluationActions(content, partnerships, administrators, clock),
            guided=guided,
            experts=self.experts,
            channels=self.channels,
            overview=Overview(content.messages, administrators, export_url, clock),
            ticket_steps=TicketSteps(content, tickets, clock, deliver_tickets),
            appraisals=AppraisalActions(
                content, partnerships, appraisals, administrators, clock, guided
            ),
            phases=PhaseActions(content, partnerships, administrators, clock),
        )

    async def on_turn(self, turn_context: TurnContext) -> None:
        await self._remember_reference(turn_context)
        await super().on_turn(turn_context)
        await self._conversation_state.save_changes(turn_context)
        await self._user_state.save_changes(turn_context)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        if self._log_message_text:
            log.debug("message text: %r", turn_context.activity.text)
        await self.router.route(turn_context)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Search from the compose box. The body stays plain JSON: botbuilder's own invoke
        path serialises it twice and answers 500."""
        activity = turn_context.activity
        value = activity.value if isinstance(activity.value, dict) else {}
        if activity.name != "composeExtension/query" or value.get("commandId") != COMMAND_ID:
            return await super().on_invoke_activity(turn_context)
        results = (
            [] if query_skip(value) else search(query_text(value), self._matcher, self._content)
        )
        return InvokeResponse(status=200, body=messaging_extension_response(results))

    async def _remember_reference(self, turn_context: TurnContext) -> None:
        """Where to reach this user or conversation later (reminders, the digest)."""
        await lifecycle.follow(turn_context.activity, self._references, self._clock())

    async def on_installation_update_remove(self, turn_context: TurnContext) -> None:
        """The app was removed: bot.teams.lifecycle already stopped reaching them; from a
        team, its bound channels are unbound."""
        _, kind, _ = reference_key(turn_context.activity)
        if kind == "channel":  # from a team: its bound channels are unbound
            team_id = team_of(turn_context.activity)
            if team_id:
                await self.channels.team_gone(team_id, "bot_removed")
            await self.channels.channel_gone(channel_of(turn_context.activity), "bot_removed")

    async def on_teams_channel_deleted(
        self, channel_info: Any, team_info: Any, turn_context: TurnContext
    ) -> None:
        """A bound channel is gone: its team's questions are kept for the administrators."""
        if channel_info is not None and channel_info.id:
            await self.channels.channel_gone(str(channel_info.id), "channel_deleted")

    async def on_teams_members_removed_dispatch(
        self, members_removed: list[ChannelAccount], team_info: Any, turn_context: TurnContext
    ) -> None:
        """The bot was removed from a team: the team's bound channels are unbound."""
        bot_id = turn_context.activity.recipient.id
        removed = any(member.id == bot_id for member in members_removed)
        if removed and team_info is not None and team_info.id:
            await self.channels.team_gone(str(team_info.id), "bot_removed")

    async def on_teams_team_deleted(self, team_info: Any, turn_context: TurnContext) -> None:
        if team_info is not None and team_info.id:
            await self.channels.team_gone(str(team_info.id), "team_deleted")

    async def on_teams_team_archived(self, team_info: Any, turn_context: TurnContext) -> None:
        if team_info is not None and team_info.id:
            await self.channels.team_gone(str(team_info.id), "team_archived")

    async def on_teams_members_added_dispatch(
        self, members_added: list[ChannelAccount], team_info: Any, turn_context: TurnContext
    ) -> None:
        """Welcome once per conversation, when the bot itself is added; never per member.

        Replaces botbuilder's dispatch, which looks up every added member at the connector:
        the bot needs nothing from them.
        """
        bot_id = turn_context.activity.recipient.id
        if not any(member.id == bot_id for member in members_added):
            return
        memory = await self._memory.get(turn_context)
        if memory.get("welcomed"):
            return
        memory["welcomed"] = True
        await self._browse.welcome(turn_context)
