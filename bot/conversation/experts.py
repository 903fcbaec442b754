"""'Vraag een expert': asking a team and the steps on a ticket (team channels: channels.py).

The asker fills in a form (question, team, partnership); the ticket goes to the team's bound
channel as a card. The team picks it up, answers, forwards or closes it from that channel;
the asker marks it solved or asks a follow-up in personal chat. Every change is stored with
the notifications it causes (the card in the channel updated in place, the asker told), and
those are sent at once through the ticket notifier, exactly once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from botbuilder.core import TurnContext

from bot.cards.actions import CardAction, TicketAsk, TicketSubmit
from bot.cards.common import Card
from bot.cards.tickets import (
    ticket_form_card,
    ticket_sent_card,
    unrouted_card,
)
from bot.cards.used import settled
from bot.conversation.memory import ConversationMemory
from bot.domain.content import Content
from bot.domain.matcher import Matcher
from bot.domain.tickets import (
    Ticket,
)
from bot.store.register import PartnershipRepository
from bot.store.tickets import Notice, TicketRepository
from bot.teams.replies import send_card, sender

log = logging.getLogger(__name__)
Deliver = Callable[[datetime, int | None], Awaitable[object]]
LAST_QUESTION = "last_question"  # conversation memory: the question typed last


class Experts:
    def __init__(
        self,
        content: Content,
        matcher: Matcher,
        memory: ConversationMemory,
        tickets: TicketRepository,
        partnerships: PartnershipRepository,
        clock: Callable[[], datetime],
        deliver: Deliver,
    ) -> None:
        self._content = content
        self._messages = content.messages
        self._matcher = matcher
        self._memory = memory
        self._tickets = tickets
        self._partnerships = partnerships
        self._clock = clock
        self._deliver = deliver

    # --- asking ---------------------------------------------------------------------------

    async def on_ask(self, context: TurnContext, action: CardAction) -> None:
        payload = action.payload
        assert isinstance(payload, TicketAsk)
        question = payload.text or (await self._memory.get(context)).get(LAST_QUESTION) or ""
        entry = payload.id
        if not question and entry in self._content.items:
            question = self._content.items[entry].question
        await self._send_form(context, question, entry)

    async def ask(self, context: TurnContext, typed: str) -> None:
        """`vraag een expert [vraag]`: the form, with the team of the best answer proposed."""
        entry = None
        if typed:
            result = self._matcher.match(typed)
            if result.decision == "answer":
                entry = result.options[0].entry.id
        else:
            typed = (await self._memory.get(context)).get(LAST_QUESTION) or ""
        await self._send_form(context, typed, entry)

    async def _send_form(self, context: TurnContext, question: str, entry: str | None) -> None:
        await send_card(context, await self._form(context, question, entry))

    async def _form(self, context: TurnContext, question: str, entry: str | None) -> Card:
        person = sender(context)
        mine = [(p.id or 0, p.name) for p in await self._partnerships.mine(person.id)]
        item = entry if entry in self._content.items else None
        return ticket_form_card(
            self._messages,
            question,
            list(self._content.experts.values()),
            self._main_team(entry),
            mine,
            item,
        )

    def _main_team(self, entry: str | None) -> str | None:
        if entry is None:
            return None
        if entry in self._content.items:
            return self._content.items[entry].experts[0]
        if entry in self._content.experts:
            return entry
        for framework in self._content.frameworks:
            section = next((s for s in framework.sections if s.id == entry), None)
            if entry == framework.id or section is not None:
                return framework.experts_of(section)[0]
        return None

    async def on_submit(self, context: TurnContext, action: CardAction) -> Card | None:
        payload = action.payload
        assert isinstance(payload, TicketSubmit)
        values = action.values
        question = str(values.get("question") or "").strip()
        team = str(values.get("team") or "")
        if not question:
            await context.send_activity(self._messages.say("ticket_question_missing"))
            return None
        if team not in self._content.experts:
            await context.send_activity(self._messages.say("ticket_unknown_team"))
            return None
        person = sender(context)
        mine = {str(p.id): p.id for p in await self._partnerships.mine(person.id)}
        now = self._clock()
        item = payload.item if payload.item in self._content.items else None
        ticket = Ticket(
            id=None,
            team=team,
            question=question,
            asker_id=person.id,
            asker_name=person.name,
            created_at=now,
            updated_at=now,
            item_id=item,
            partnership_id=mine.get(str(values.get("partnership") or "")),
            open_since=now,
        )
        expert = self._content.experts[team]
        bound = await self._tickets.binding(team) is not None
        stored = await self._tickets.add(
            ticket, [Notice("channel_post", team=team)] if bound else []
        )
        log.info("ticket asked", extra={"ticket": stored.id, "team": team, "routed": bound})
        if bound:  # posted first: the confirmation then tells what happened
            await self._deliver(now, stored.id)
            await context.send_activity(self._messages.say("ticket_asked", team=expert.name))
        else:
            await send_card(context, unrouted_card(expert, self._content))
        sent = ticket_sent_card(self._messages, question, expert.name)
        return settled(sent, self._messages.say("ticket_sent"))

    # --- steps on a ticket ------------------------------------------------------------------
