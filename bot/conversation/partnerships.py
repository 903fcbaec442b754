"""'Mijn samenwerkingen': list, open, change, hand over and archive partnerships."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity

from bot import cards
from bot.domain.content import Content
from bot.domain.dates import parse_date
from bot.domain.intake import StoredIntake, evaluate_intake
from bot.domain.register import Partnership, recommend
from bot.store.references import ReferenceRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.teams.replies import int_field, send_card, sender

ACTIONS = (
    "partnerships_mine",
    "partnership_open",
    "partnership_update",
    "partnership_handover",
    "partnership_archive",
    "partnership_accept",
    "intake_markdown",
)


class PartnershipActions:
    def __init__(
        self,
        content: Content,
        partnerships: PartnershipRepository,
        intakes: IntakeRepository,
        references: ReferenceRepository,
        administrators: frozenset[str],
        clock: Callable[[], datetime],
        calendar_url: Callable[[int], str | None],
    ) -> None:
        self._content = content
        self._partnerships = partnerships
        self._intakes = intakes
        self._references = references
        self._calendar_url = calendar_url
        self._administrators = administrators
        self._clock = clock

    async def show_mine(self, context: TurnContext) -> None:
        person = sender(context)
        mine = self._partnerships.mine(person.id)
        await send_card(context, cards.partnerships_list_card(mine, self._content))
        offered = self._partnerships.offered_to(person.name) if person.name else []
        if offered:
            await send_card(context, cards.handover_offers_card(self._content.messages, offered))

    async def handle(self, context: TurnContext, value: dict[str, Any]) -> None:
        action = value["action"]
        if action == "partnerships_mine":
            await self.show_mine(context)
        elif action == "intake_markdown":
            await self._send_markdown(context, value.get("intake"))
        else:
            partnership = self._partnerships.get(int_field(value.get("id")))
            if partnership is None:
                await context.send_activity(cards.unknown_item_text(self._content.messages))
            elif action == "partnership_open":
                await self._open(context, partnership)
            elif action == "partnership_accept":
                await self._accept(context, partnership)
            elif not partnership.may_change(sender(context).id, self._administrators):
                await context.send_activity(
                    cards.partnership_not_allowed_text(self._content.messages)
                )
            else:
                await self._change(context, partnership, action, value)

    async def _change(
        self, context: TurnContext, partnership: Partnership, action: str, value: dict[str, Any]
    ) -> None:
        register = self._content.register
        now = self._clock()
        if action == "partnership_archive":
            self._partnerships.update(replace(partnership, archived=True), now)
            await context.send_activity(
                cards.partnership_archived_text(self._content.messages, partnership.name)
            )
            return
        if action == "partnership_handover":
            new_holder = str(value.get("account_holder_email") or "").strip()
            if not new_holder:
                await context.send_activity(cards.handover_missing_text(self._content.messages))
                return
            self._partnerships.request_handover(
                partnership.id or 0, sender(context), new_holder, now
            )
            await context.send_activity(
                cards.partnership_handover_text(
                    self._content.messages, partnership.name, new_holder
                )
            )
            return
        phase = str(value.get("phase") or partnership.phase)
        cadence = str(value.get("cadence") or partnership.cadence)
        kind = str(value.get("evaluation_kind") or partnership.evaluation_kind)
        typed_date = str(value.get("next_evaluation") or "")
        next_evaluation = parse_date(typed_date) if typed_date else partnership.next_evaluation
        valid_phase = phase in {p.key for p in register.phases}
        valid_cadence = cadence in {c.key for c in register.cadences}
        valid_kind = kind in register.evaluation_kind_labels
        if not (valid_phase and valid_cadence and valid_kind) or (
            typed_date and next_evaluation is None
        ):
            await context.send_activity(
                cards.registration_problems_text(self._content.messages, ["next_evaluation"])
            )
            return
        changed = replace(
            partnership, phase=phase, cadence=cadence, next_evaluation=next_evaluation
        )
        self._partnerships.update(changed, now)
        await self._open(context, changed)

    async def _accept(self, context: TurnContext, partnership: Partnership) -> None:
        """Only the person the hand-over was asked for (by their Teams name) may accept it."""
        person = sender(context)
        offered = (
            {p.id for p in self._partnerships.offered_to(person.name)} if person.name else set()
        )
        if partnership.id not in offered:
            await context.send_activity(cards.partnership_not_allowed_text(self._content.messages))
            return
        self._partnerships.take_over(partnership, person, self._clock())
        await context.send_activity(cards.taken_over_text(self._content.messages, partnership.name))

    async def _open(self, context: TurnContext, partnership: Partnership) -> None:
        register = self._content.register
        intakes = self._intakes.for_partnership(partnership.id or 0)
        open_points = _open_points(intakes, self._content)
        may_change = partnership.may_change(sender(context).id, self._administrators)
        reachable = partnership.account_holder.id in self._references.reachable(
            [partnership.account_holder.id]
        )
        evaluation = cards.evaluation_section(
            partnership,
            self._content,
            self._partnerships.events(partnership.id or 0),
            reachable,
            self._calendar_url(partnership.id or 0),
        )
        card = cards.partnership_card(
            partnership,
            register,
            self._content,
            recommend(partnership, register),
            intakes,
            open_points,
            may_change,
            evaluation,
        )
        await send_card(context, card)

    async def _send_markdown(self, context: TurnContext, intake_id: Any) -> None:
        intake = self._intakes.get(int_field(intake_id))
        person = sender(context).id
        partnership = (
            self._partnerships.get(intake.partnership_id)
            if intake and intake.partnership_id
            else None
        )
        allowed = intake is not None and (
            intake.user_id == person
            or (partnership is not None and partnership.may_change(person, self._administrators))
        )
        if intake is None or not allowed:
            await context.send_activity(cards.unknown_item_text(self._content.messages))
            return
        await context.send_activity(
            Activity(type="message", text=intake.summary_markdown, text_format="markdown")
        )


def _open_points(intakes: list[StoredIntake], content: Content) -> int:
    """Open points of the latest intake per theme."""
    latest: dict[str, StoredIntake] = {}
    for intake in intakes:  # newest first
        latest.setdefault(intake.theme, intake)
    total = 0
    for intake in latest.values():
        theme = next(t for t in content.themes if t.key == intake.theme)
        answers = {answer.item_id: answer for answer in intake.answers}
        total += len(evaluate_intake(theme, answers, content).open_points)
    return total
