"""What the bot remembers of one conversation between turns (saved with its state)."""

from __future__ import annotations

from typing import Any

from botbuilder.core import ConversationState, TurnContext

USED_CARDS_KEPT = 50


class ConversationMemory:
    def __init__(self, conversation_state: ConversationState) -> None:
        self._property = conversation_state.create_property("conversation")

    async def get(self, context: TurnContext) -> dict[str, Any]:
        memory: dict[str, Any] = await self._property.get(context, dict)
        return memory

    async def is_used(self, context: TurnContext, card_id: str) -> bool:
        return card_id in (await self.get(context)).get("used_cards", [])

    async def mark_used(self, context: TurnContext, card_id: str) -> None:
        memory = await self.get(context)
        memory["used_cards"] = [*memory.get("used_cards", []), card_id][-USED_CARDS_KEPT:]
