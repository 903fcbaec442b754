"""The Teams conversation: commands, card actions and free-text questions."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from botbuilder.core import CardFactory, ConversationState, MessageFactory, TurnContext, UserState
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount

from bot import cards
from bot.commands import Command, parse_command, pick_option
from bot.domain.content import Content
from bot.domain.matcher import Matcher, MatchResult
from bot.store.feedback import FeedbackKind, FeedbackRepository

log = logging.getLogger(__name__)

EXAMPLE_QUESTIONS = (
    "Moeten we een verwerkersovereenkomst afsluiten?",
    "Is er sprake van staatssteun als we een stichting subsidiëren?",
    "Wat regel ik met P&O als collega's gedetacheerd worden?",
)
_LEADING_MENTION = re.compile(r"^\s*<at>[^<]*</at>", re.IGNORECASE)


class SamenwerkwijzerBot(TeamsActivityHandler):  # type: ignore[misc]
    def __init__(
        self,
        *,
        content: Content,
        matcher: Matcher,
        conversation_state: ConversationState,
        user_state: UserState,
        feedback: FeedbackRepository,
        store_question_text: bool,
        log_message_text: bool,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__()
        self._content = content
        self._matcher = matcher
        self._entries = {entry.id: entry for entry in matcher.entries}
        self._conversation_state = conversation_state
        self._user_state = user_state
        self._conversation = conversation_state.create_property("conversation")
        self._feedback = feedback
        self._store_question_text = store_question_text
        self._log_message_text = log_message_text
        self._clock = clock

    async def on_turn(self, turn_context: TurnContext) -> None:
        await super().on_turn(turn_context)
        await self._conversation_state.save_changes(turn_context)
        await self._user_state.save_changes(turn_context)

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
        memory = await self._memory(turn_context)
        if memory.get("welcomed"):
            return
        memory["welcomed"] = True
        await _send_card(turn_context, cards.welcome_card(self._content, list(EXAMPLE_QUESTIONS)))

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if isinstance(activity.value, dict) and activity.value.get("action"):
            await self._on_card_action(turn_context, activity.value)
            return
        text = strip_bot_mention(activity)
        if self._log_message_text:
            log.debug("message text: %r", text)
        if not text:
            await _send_card(turn_context, cards.help_card(self._content, list(EXAMPLE_QUESTIONS)))
            return
        command = parse_command(text)
        if command is not None:
            await self._on_command(turn_context, command)
            return
        memory = await self._memory(turn_context)
        options: list[str] = memory.get("options", [])
        picked = pick_option(text, len(options))
        if picked is not None and options[picked] in self._entries:
            await self._show(turn_context, options[picked])
            return
        await self._answer(turn_context, text)

    async def _answer(self, turn_context: TurnContext, text: str) -> None:
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
        result = self._matcher.match(text)
        log.info(
            "question answered",
            extra={"decision": result.decision, "entry": _best_id(result)},
        )
        memory = await self._memory(turn_context)
        memory["options"] = (
            [m.entry.id for m in result.options] if result.decision == "clarify" else []
        )
        if result.decision == "answer":
            await _send_card(
                turn_context, cards.answer_card(result.options[0].entry, self._content)
            )
            return
        kind: FeedbackKind = "unclear" if result.decision == "clarify" else "unanswered"
        question = text if self._store_question_text else None
        self._feedback.record(kind, _best_id(result), question, self._clock())
        if result.decision == "clarify":
            await _send_card(turn_context, cards.clarify_card(result, self._content))
        else:
            await _send_card(turn_context, cards.out_of_scope_card(self._content))

    async def _show(self, turn_context: TurnContext, entry_id: str) -> None:
        entry = self._entries.get(entry_id)
        if entry is None or entry.kind == "out_of_scope":
            await turn_context.send_activity(cards.unknown_item_text())
            return
        (await self._memory(turn_context))["options"] = []
        await _send_card(turn_context, cards.answer_card(entry, self._content))

    async def _on_command(self, turn_context: TurnContext, command: Command) -> None:
        content = self._content
        if command is Command.HELP:
            await _send_card(turn_context, cards.help_card(content, list(EXAMPLE_QUESTIONS)))
        elif command is Command.THEMES:
            await _send_card(turn_context, cards.themes_card(content))
        elif command is Command.EXPERTS:
            await _send_card(turn_context, cards.experts_card(content))
        elif command is Command.PRIVACY:
            await _send_card(
                turn_context, cards.privacy_card(await self._stored_lines(turn_context))
            )
        elif command is Command.DELETE_MY_DATA:
            await self._delete_my_data(turn_context)

    async def _on_card_action(self, turn_context: TurnContext, value: dict[str, Any]) -> None:
        action = value.get("action")
        if action == "show":
            await self._show(turn_context, str(value.get("id", "")))
        elif action == "theme":
            theme = next((t for t in self._content.themes if t.key == value.get("key")), None)
            if theme is None:
                await turn_context.send_activity(cards.unknown_item_text())
            else:
                await _send_card(turn_context, cards.theme_card(theme, self._content))
        elif action == "expert":
            expert = self._content.experts.get(str(value.get("code", "")))
            if expert is None:
                await turn_context.send_activity(cards.unknown_item_text())
            else:
                await _send_card(turn_context, cards.expert_card(expert, self._content))
        elif action == "feedback" and str(value.get("id")) in self._entries:
            helpful = value.get("helpful") is True
            kind: FeedbackKind = "helpful" if helpful else "not_helpful"
            self._feedback.record(kind, str(value["id"]), None, self._clock())
            await turn_context.send_activity(cards.feedback_thanks(helpful))
        elif action == "delete_my_data":
            await self._delete_my_data(turn_context)
        else:
            await turn_context.send_activity(cards.unknown_item_text())

    async def _stored_lines(self, turn_context: TurnContext) -> list[str]:
        memory = await self._memory(turn_context)
        lines = []
        if memory.get("welcomed"):
            lines.append("Dat ik je in dit gesprek welkom heb geheten.")
        if memory.get("options"):
            lines.append("De vragen die ik je het laatst als keuze voorlegde.")
        return lines

    async def _delete_my_data(self, turn_context: TurnContext) -> None:
        """A personal chat is the user's own; a channel's memory is shared and holds no one's."""
        states = [self._user_state]
        if turn_context.activity.conversation.conversation_type in (None, "personal"):
            states.append(self._conversation_state)
        for state in states:
            await state.load(turn_context)  # botbuilder deletes only what it has loaded
            await state.delete(turn_context)
        await turn_context.send_activity(cards.data_deleted_text())

    async def _memory(self, turn_context: TurnContext) -> dict[str, Any]:
        memory: dict[str, Any] = await self._conversation.get(turn_context, dict)
        return memory


def strip_bot_mention(activity: Activity) -> str:
    """The message text without the bot's @mention (channels and group chats)."""
    text = activity.text or ""
    bot_id = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        properties = getattr(entity, "additional_properties", None) or {}
        mentioned = properties.get("mentioned") or {}
        if (
            entity.type == "mention"
            and isinstance(mentioned, dict)
            and mentioned.get("id") == bot_id
        ):
            mention_text = properties.get("text")
            if isinstance(mention_text, str):
                text = text.replace(mention_text, " ")
    return " ".join(_LEADING_MENTION.sub(" ", text).split())


def _best_id(result: MatchResult) -> str | None:
    return result.matches[0].entry.id if result.matches else None


async def _send_card(turn_context: TurnContext, card: dict[str, Any]) -> None:
    await turn_context.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(card)))
