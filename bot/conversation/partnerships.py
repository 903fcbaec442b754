"""'Mijn samenwerkingen': list, open, change, hand over and archive partnerships."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity

from bot import cards
from bot.cards import appraisal as appraisal_cards
from bot.cards import phase as phase_cards
from bot.cards.actions import Action, CardAction, IntakeRef, PartnershipRef
from bot.conversation.guard import PartnershipGuard
from bot.domain.content import Content
from bot.domain.dates import parse_date
from bot.domain.intake import StoredIntake, evaluate_intake
from bot.domain.lookup import theme_by_key
from bot.domain.phases import part_of, roles
from bot.domain.register import Partnership, Person, recommend
from bot.store.appraisals import AppraisalRepository
from bot.store.references import ReferenceRepository
from bot.store.register import IntakeRepository, PartnershipRepository
from bot.teams.replies import send_card, sender


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
        appraisals: AppraisalRepository | None = None,
    ) -> None:
        self._content = content
        self._partnerships = partnerships
        self._intakes = intakes
        self._references = references
        self._calendar_url = calendar_url
        self._administrators = administrators
        self._guard = PartnershipGuard(partnerships, administrators, content.messages)
        self._clock = clock
        self._appraisals = appraisals

    async def show_mine(self, context: TurnContext) -> None:
        person = sender(context)
        mine = await self._partnerships.mine(person.id)
        await send_card(context, cards.partnerships_list_card(mine, self._content))
        offered = await self._partnerships.offered_to(person.id)
        if offered:
            await send_card(context, cards.handover_offers_card(self._content.messages, offered))

    async def on_mine(self, context: TurnContext, action: CardAction) -> None:
        await self.show_mine(context)

    async def on_markdown(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, IntakeRef)
        await self._send_markdown(context, action.payload.intake)

    async def on_partnership(self, context: TurnContext, action: CardAction) -> None:
        assert isinstance(action.payload, PartnershipRef)
        partnership = await self._partnerships.get(action.payload.id)
        if partnership is None or (
            partnership.archived and action.action is not Action.PARTNERSHIP_OPEN
        ):
            await context.send_activity(
                cards.stale_partnership_text(
                    self._content.messages, partnership.name if partnership else None
                )
            )
        elif action.action is Action.PARTNERSHIP_OPEN:
            await self._open(context, partnership)
        elif action.action is Action.PARTNERSHIP_ACCEPT:
            await self._accept(context, partnership)
        elif not partnership.may_change(sender(context).id, self._administrators):
            await context.send_activity(cards.partnership_not_allowed_text(self._content.messages))
        elif action.action is Action.PARTNERSHIP_ARCHIVE:
            messages = self._content.messages
            question = cards.confirm_question(
                messages, "partnership_archive", name=partnership.name
            )
            card = cards.confirmation_card(
                messages, "partnership_archive", question, partnership.id
            )
            await send_card(context, card)
        else:
            await self._change(context, partnership, action.action, action.values)

    async def archive(
        self, context: TurnContext, partnership_id: int | None
    ) -> dict[str, Any] | None:
        """Archive after the user confirmed; the confirmation card then says it is done."""
        partnership = await self._guard.changeable(context, partnership_id)
        if partnership is None:
            return None
        await self._partnerships.update(replace(partnership, archived=True), self._clock())
        done = cards.partnership_archived_text(self._content.messages, partnership.name)
        await context.send_activity(done)
        return cards.used_card(self._content.messages, done)

    async def _change(
        self, context: TurnContext, partnership: Partnership, action: Action, value: dict[str, Any]
    ) -> None:
        register = self._content.register
        now = self._clock()
        if action is Action.PARTNERSHIP_HANDOVER:
            await self._hand_over(context, partnership, value)
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
            partnership,
            phase=phase,
            cadence=cadence,
            evaluation_kind=kind,
            next_evaluation=next_evaluation,
        )
        await self._partnerships.update(changed, now)
        await self._open(context, changed)

    async def _hand_over(
        self, context: TurnContext, partnership: Partnership, value: dict[str, Any]
    ) -> None:
        """To the colleague picked in Teams' people picker, or to the one a typed name fits;
        several fit: ask which one."""
        picked = str(value.get("account_holder_id") or "").strip()
        typed = str(value.get("account_holder_name") or "").strip()
        if picked:
            candidates = [Person(picked, await self._name_of(picked) or typed)]
        elif typed:
            candidates = await self._colleagues_named(typed)
        else:
            await context.send_activity(cards.handover_missing_text(self._content.messages))
            return
        if not candidates:
            reply = self._content.messages.say("handover_unknown_colleague", typed=typed)
            await context.send_activity(reply)
        elif len(candidates) > 1:
            await send_card(
                context, cards.handover_choice_card(self._content.messages, partnership, candidates)
            )
        else:
            new_holder = candidates[0]
            await self._partnerships.request_handover(
                partnership.id or 0, sender(context), new_holder, self._clock()
            )
            to = new_holder.name or self._content.messages.say("handover_colleague")
            await context.send_activity(
                cards.partnership_handover_text(self._content.messages, partnership.name, to)
            )

    async def _colleagues_named(self, typed: str) -> list[Person]:
        """Colleagues the bot knows (account holders, people with the app) by Entra object id."""
        people = [
            *await self._partnerships.people_named(typed),
            *await self._references.people_named(typed),
        ]
        return list({person.id: person for person in people}.values())

    async def _name_of(self, person_id: str) -> str:
        """The Teams name of someone with the app, as their personal chat reference has it."""
        user = (await self._references.personal(person_id) or {}).get("user") or {}
        return str(user.get("name") or "") if isinstance(user, dict) else ""

    async def _accept(self, context: TurnContext, partnership: Partnership) -> None:
        """Only the person the hand-over was asked for (by Entra object id) may accept it."""
        person = sender(context)
        offered = {p.id for p in await self._partnerships.offered_to(person.id)}
        if partnership.id not in offered:
            await context.send_activity(cards.partnership_not_allowed_text(self._content.messages))
            return
        await self._partnerships.take_over(partnership, person, self._clock())
        await context.send_activity(cards.taken_over_text(self._content.messages, partnership.name))

    async def _open(self, context: TurnContext, partnership: Partnership) -> None:
        register = self._content.register
        intakes = await self._intakes.for_partnership(partnership.id or 0)
        points = open_points(intakes, self._content)
        may_change = partnership.may_change(sender(context).id, self._administrators)
        reachable = partnership.account_holder.id in await self._references.reachable(
            [partnership.account_holder.id]
        )
        evaluation = cards.evaluation_section(
            partnership,
            self._content,
            await self._partnerships.events(partnership.id or 0),
            reachable,
            self._calendar_url(partnership.id or 0),
        )
        if self._appraisals is not None and self._content.appraisal is not None:
            latest = await self._appraisals.latest(partnership.id or 0)
            evaluation += appraisal_cards.partnership_section(
                self._content.messages, partnership, latest, register, may_change
            )
        evaluation += phase_cards.regime_elements(
            self._content.messages, partnership, register, may_change
        )
        if roles(self._content):
            part = part_of(self._content, partnership)
            evaluation += phase_cards.roles_section(self._content.messages, partnership, part)
        card = cards.partnership_card(
            partnership,
            register,
            self._content,
            recommend(partnership, register),
            intakes,
            points,
            may_change,
            evaluation,
        )
        await send_card(context, card)

    async def _send_markdown(self, context: TurnContext, intake_id: int) -> None:
        intake = await self._intakes.get(intake_id)
        person = sender(context).id
        partnership = (
            await self._partnerships.get(intake.partnership_id)
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


def open_points(intakes: list[StoredIntake], content: Content) -> int:
    """Open points of the latest intake per theme."""
    latest: dict[str, StoredIntake] = {}
    for intake in intakes:  # newest first
        latest.setdefault(intake.theme, intake)
    total = 0
    for intake in latest.values():
        theme = theme_by_key(content, intake.theme)
        if theme is None:  # the content no longer has this theme: nothing to count
            continue
        answers = {answer.item_id: answer for answer in intake.answers}
        total += len(evaluate_intake(theme, answers, content).open_points)
    return total
