"""Showing what the guide holds: themes, expert teams, single answers, help and welcome."""

from __future__ import annotations

from typing import Any

from botbuilder.core import TurnContext

from bot import cards
from bot.cards.actions import CardAction, EntryRef, ExpertRef, ThemeRef
from bot.conversation.questions import Questions
from bot.domain.content import Content
from bot.domain.lookup import theme_by_key
from bot.teams.replies import send_card


class Browse:
    def __init__(self, content: Content, questions: Questions) -> None:
        self._content = content
        self._questions = questions

    async def help(self, context: TurnContext) -> None:
        await send_card(context, cards.help_card(self._content))

    async def welcome(self, context: TurnContext) -> None:
        await send_card(context, cards.welcome_card(self._content))

    async def themes(self, context: TurnContext) -> None:
        await send_card(context, cards.themes_card(self._content))

    async def experts(self, context: TurnContext) -> None:
        await send_card(context, cards.experts_card(self._content))

    async def on_show(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, EntryRef)
        await self._questions.show(context, action.payload.id)

    async def on_theme(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, ThemeRef)
        theme = theme_by_key(self._content, action.payload.theme)
        await self._send_or_stale(
            context, cards.theme_card(theme, self._content) if theme else None
        )

    async def on_expert(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, ExpertRef)
        expert = self._content.experts.get(action.payload.code)
        await self._send_or_stale(
            context, cards.expert_card(expert, self._content) if expert else None
        )

    async def _send_or_stale(self, context: TurnContext, card: dict[str, Any] | None) -> None:
        if card:
            await send_card(context, card)
        else:
            await context.send_activity(cards.unknown_item_text(self._content.messages))
