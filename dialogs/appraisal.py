"""An appraisal with the waarderingskader: the open question, the nine cells, the closing
questions; one form per perspective, or step by step.

The questions come from content/appraisal.yaml. The dialog's state is plain JSON, so an
interrupted appraisal continues after a restart. Completing it stores the appraisal with its
partnership, completes the evaluation moment (the next one follows from the rhythm) and sets
the phase answered - after a confirmation when that phase lies before the registered one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogTurnResult

from bot import cards
from bot.cards import appraisal as appraisal_cards
from bot.cards.actions import Action, AppraisalForm, CardAction
from bot.domain.appraisal import (
    Appraisal,
    complete_ratings,
    completes_moment,
    outcome,
    parse_choice,
    parse_rating,
    parse_waters,
    parse_yes_no,
    phase_moves_back,
    rating_words,
    trend,
)
from bot.domain.appraisal_content import RATINGS, AppraisalFile
from bot.domain.content import Content
from bot.domain.dutch import normalize
from bot.domain.register import Partnership
from bot.domain.schedule import EvaluationEvent, complete_moment
from bot.store.appraisals import AppraisalRepository
from bot.store.register import PartnershipRepository
from bot.teams.replies import send_card, sender
from dialogs.guided import GuidedDialog, QuestionDesk

APPRAISAL_DIALOG = "appraisal"
NAME, OPENING = "name", "opening"
CLOSING = ("waters", "own_change", "phase", "cooperation")
NAME_MAX_LENGTH = 200
OPENING_MAX_LENGTH = 2000


class AppraisalDialog(GuidedDialog):
    form_action = Action.APPRAISAL_FORM

    def __init__(
        self,
        content: Content,
        appraisals: AppraisalRepository,
        partnerships: PartnershipRepository,
        clock: Callable[[], datetime],
        questions: QuestionDesk,
    ) -> None:
        super().__init__(APPRAISAL_DIALOG, content, questions)
        self._appraisals = appraisals
        self._partnerships = partnerships
        self._clock = clock
        self._words = rating_words(content.appraisal) if content.appraisal else {}

    @property
    def _file(self) -> AppraisalFile:
        assert self._content.appraisal is not None  # still_valid ends the dialog otherwise
        return self._content.appraisal

    # --- starting -------------------------------------------------------------------------

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        options = options or {}
        partnership_id = options.get("partnership", options.get("id"))
        partnership = await self._partnerships.get(partnership_id) if partnership_id else None
        state = dc.active_dialog.state
        due = partnership.next_evaluation if partnership else None
        state.update(
            mode="form" if options.get("mode") == "form" else "steps",
            index=0,
            partnership=partnership.id if partnership else None,
            name=partnership.name if partnership else None,
            due=due.isoformat() if due else None,
            opening=None,
            ratings={},
            notes={},
            waters=None,
            own_change=None,
            phase=None,
            cooperation=None,
        )
        if options.get("submitted"):  # a form that arrived without a running appraisal
            return await self._take_form(dc, options["values"])
        return await self.reprompt(dc)

    # --- what the base class asks ---------------------------------------------------------

    async def _take_form(self, dc: DialogContext, values: dict[str, Any]) -> DialogTurnResult:
        state = dc.active_dialog.state
        perspectives = [p.key for p in self._file.perspectives]
        part = (
            perspectives.index(values["perspective"])
            if values.get("perspective") in perspectives
            else 0
        )
        if part == 0:
            name = str(values.get("name") or "").strip()[:NAME_MAX_LENGTH]
            if state["partnership"] is None and not name and not state["name"]:
                await dc.context.send_activity(self._messages.say("appraisal_name_retry"))
                return await self.reprompt(dc)
            if state["partnership"] is None and name:
                state["name"] = name
            opening = str(values.get("opening") or "").strip()
            state["opening"] = opening[:OPENING_MAX_LENGTH] or state["opening"]
        for cell in self._file.ordered_cells():
            if cell.perspective != perspectives[part]:
                continue
            rating = values.get(f"rating__{cell.key}")
            state["ratings"][cell.key] = rating if rating in RATINGS else "onbekend"
            note = str(values.get(f"note__{cell.key}") or "").strip()
            if note:
                state["notes"][cell.key] = note
        if part == len(perspectives) - 1:
            self._take_closing_form(state, values)
            return await self._complete(dc)
        state["index"] = part + 1
        return await self.reprompt(dc)

    def _take_closing_form(self, state: dict[str, Any], values: dict[str, Any]) -> None:
        waters = values.get("waters")
        state["waters"] = waters if waters in ("rustig", "onrustig") else None
        state["own_change"] = {"ja": True, "nee": False}.get(str(values.get("own_change")))
        phase = values.get("phase")
        state["phase"] = phase if phase in self._file.phases else None
        kinds = {kind.key for kind in self._file.cooperation_kinds}
        cooperation = values.get("cooperation")
        state["cooperation"] = cooperation if cooperation in kinds else None

    async def _take_answer(self, dc: DialogContext, text: str, skip: bool) -> DialogTurnResult:
        state = dc.active_dialog.state
        step = self._steps(state)[state["index"]]
        if step == NAME:
            name = "" if skip else text.strip()[:NAME_MAX_LENGTH]
            if not name:
                await dc.context.send_activity(self._messages.say("appraisal_name_retry"))
                return await self.reprompt(dc)
            state["name"] = name
        elif step == OPENING:
            if normalize(text) == appraisal_cards.FORM_WORD and not self.has_answers(state):
                state.update(mode="form", index=0)
                return await self.reprompt(dc)
            state["opening"] = None if skip else text.strip()[:OPENING_MAX_LENGTH] or None
        elif step in CLOSING:
            if not skip:
                value = self._read_closing(step, text)
                if value is None:
                    await dc.context.send_activity(self._retry(step))
                    return await self.reprompt(dc)
                state[step] = value
        elif skip:
            state["ratings"][step] = "onbekend"
        else:
            rating, note = parse_rating(text, self._words)
            if note:
                state["notes"][step] = note
            if rating is None:  # only a note: keep it and ask for the rating again
                return await self.reprompt(dc)
            state["ratings"][step] = rating
        state["index"] += 1
        if state["index"] >= len(self._steps(state)):
            return await self._complete(dc)
        return await self.reprompt(dc)

    async def _stop(self, dc: DialogContext) -> DialogTurnResult:
        """'stop' typed: with answers given, ask first (the button 'Ja, stoppen' throws it
        away)."""
        if self.has_answers(dc.active_dialog.state):
            question = self.stop_question(dc.active_dialog.state)
            await send_card(
                dc.context, cards.confirmation_card(self._messages, "dialog_stop", question)
            )
            return Dialog.end_of_turn
        await dc.context.send_activity(self._messages.say("appraisal_stopped"))
        return await dc.end_dialog()

    def _reads(self, state: dict[str, Any], text: str) -> bool:
        step = self._steps(state)[state["index"]]
        if step in (NAME, OPENING):
            return bool(text.strip())
        if step in CLOSING:
            return self._read_closing(step, text) is not None
        return parse_rating(text, self._words)[0] is not None

    def help_text(self) -> str:
        return self._messages.say("appraisal_help")

    def position(self, state: dict[str, Any]) -> tuple[int, int]:
        if state["mode"] == "form":
            return state["index"] + 1, len(self._file.perspectives)
        return state["index"] + 1, len(self._steps(state))

    def has_answers(self, state: dict[str, Any]) -> bool:
        return bool(
            state.get("opening")
            or state.get("ratings")
            or state.get("notes")
            or any(state.get(name) is not None for name in CLOSING)
        )

    def still_valid(self, state: dict[str, Any]) -> bool:
        if self._content.appraisal is None:
            return False
        cells = {cell.key for cell in self._content.appraisal.cells}
        return set(state.get("ratings", {})) <= cells and set(state.get("notes", {})) <= cells

    def owns_form(self, state: dict[str, Any], action: CardAction) -> bool:
        payload = action.payload
        return isinstance(payload, AppraisalForm) and payload.id == state["partnership"]

    async def send_resume_card(self, context: TurnContext, state: dict[str, Any]) -> None:
        card = appraisal_cards.resume_card(
            self._messages, self._name(state), *self.position(state), form=state["mode"] == "form"
        )
        await send_card(context, card)

    async def send_resumed(self, context: TurnContext, state: dict[str, Any]) -> None:
        index, total = self.position(state)
        resumed = self._messages.say(
            "appraisal_resumed_form" if state["mode"] == "form" else "appraisal_resumed",
            name=self._name(state),
            index=index,
            total=total,
        )
        await context.send_activity(resumed)

    def stop_question(self, state: dict[str, Any]) -> str:
        return self._messages.say("appraisal_stop_question")

    def stopped_text(self, state: dict[str, Any]) -> str:
        return self._messages.say("appraisal_stopped")

    # --- the questions --------------------------------------------------------------------

    def _steps(self, state: dict[str, Any]) -> list[str]:
        """The step-by-step questions: the name (not registered), the open question, the
        cells in order, the closing questions."""
        steps = [NAME] if state["partnership"] is None else []
        return [*steps, OPENING, *(cell.key for cell in self._file.ordered_cells()), *CLOSING]

    def _choices(self, step: str) -> list[tuple[str, str]]:
        """(key, label) of a closing question."""
        closing = self._file.closing
        if step == "waters":
            return [("rustig", closing.waters.calm), ("onrustig", closing.waters.rough)]
        if step == "own_change":
            return [
                (value, title) for title, value in appraisal_cards.yes_no_choices(self._messages)
            ]
        if step == "phase":
            register = self._content.register
            return [(key, appraisal_cards.phase_label(register, key)) for key in self._file.phases]
        return [(kind.key, kind.title) for kind in self._file.cooperation_kinds]

    def _read_closing(self, step: str, text: str) -> Any:
        if step == "waters":
            return parse_waters(text) or parse_choice(text, self._choices(step))
        if step == "own_change":
            return parse_yes_no(text)
        return parse_choice(text, self._choices(step))

    async def _prompt(self, context: TurnContext, state: dict[str, Any]) -> None:
        """The form, or the current question; also after an interruption or a restart."""
        file = self._file
        if state["mode"] == "form":
            card = appraisal_cards.perspective_form_card(
                file,
                self._messages,
                self._content.register,
                state["name"],
                state["index"],
                state["partnership"],
            )
            await send_card(context, card)
            return
        steps = self._steps(state)
        index, total = state["index"] + 1, len(steps)
        step = steps[state["index"]]
        if step == NAME:
            card = appraisal_cards.name_question_card(self._messages, index, total)
        elif step == OPENING:
            offer_form = not self.has_answers(state)
            card = appraisal_cards.opening_question_card(
                file, self._messages, self._name(state), index, total, offer_form=offer_form
            )
        elif step in CLOSING:
            question = getattr(file.closing, step)
            hint = (
                appraisal_cards.cooperation_hint(file) if step == "cooperation" else question.hint
            )
            choices = [(label, label) for _, label in self._choices(step)]
            card = appraisal_cards.choice_question_card(
                self._messages, question.question, hint, choices, index, total, self._name(state)
            )
        else:
            card = appraisal_cards.cell_question_card(
                file, self._messages, file.cell(step), index, total, state["notes"].get(step)
            )
        await send_card(context, card)

    def _name(self, state: dict[str, Any]) -> str:
        return str(state.get("name") or self._messages.say("appraisal_new_partnership_name"))

    # --- the end --------------------------------------------------------------------------

    async def _complete(self, dc: DialogContext) -> DialogTurnResult:
        state = dc.active_dialog.state
        file = self._file
        now = self._clock()
        partnership = (
            await self._partnerships.get(state["partnership"]) if state["partnership"] else None
        )
        ratings = complete_ratings(
            {
                cell.key: (state["ratings"].get(cell.key), state["notes"].get(cell.key))
                for cell in file.cells
            },
            file,
        )
        result = outcome(ratings, state["waters"], file)
        previous = await self._appraisals.latest(partnership.id or 0) if partnership else None
        appraisal = Appraisal(
            id=None,
            partnership_id=partnership.id if partnership else None,
            partnership_name=partnership.name if partnership else self._name(state),
            user_id=sender(dc.context).id,
            completed_at=now,
            opening=state["opening"],
            ratings=ratings,
            waters=state["waters"],
            own_organisation_change=state["own_change"],
            phase=state["phase"],
            cooperation=state["cooperation"],
            next_steps=result.next_steps,
        )
        trends = trend(appraisal, previous, file)
        changed: Partnership | None = partnership
        event: EvaluationEvent | None = None
        notices: list[str] = []
        phase_back: str | None = None
        if partnership is not None and not partnership.archived:
            changed, event, notices, phase_back = self._changes(
                partnership, state, sender(dc.context).id, now
            )
        markdown = appraisal_cards.summary_markdown(
            file, self._content, appraisal, result, trends, previous, partnership, notices
        )
        stored = await self._appraisals.add(replace(appraisal, summary_markdown=markdown))
        if changed is not None and (changed != partnership or event is not None):
            await self._partnerships.update(changed, now, event)
        card = appraisal_cards.result_card(
            file, self._content, stored, result, trends, previous, notices
        )
        await send_card(dc.context, card)
        if partnership is not None and phase_back is not None:
            register = self._content.register
            await send_card(
                dc.context,
                appraisal_cards.phase_back_card(
                    self._messages,
                    partnership,
                    appraisal_cards.phase_label(register, phase_back),
                    appraisal_cards.phase_label(register, partnership.phase),
                    phase_back,
                ),
            )
        return await dc.end_dialog(stored.id)

    def _changes(
        self, partnership: Partnership, state: dict[str, Any], by_id: str, now: datetime
    ) -> tuple[Partnership, EvaluationEvent | None, list[str], str | None]:
        """The partnership with its moment completed and its phase moved forward, the event
        that records the moment, what to tell about it, and a phase answered that lies back."""
        changed: Partnership = partnership
        event: EvaluationEvent | None = None
        notices: list[str] = []
        due = partnership.next_evaluation
        if (
            due is not None
            and due.isoformat() == state["due"]
            and completes_moment(due, now.date())
        ):
            m = self._messages
            note = m.say("appraisal_moment_event_note")
            changed, event = complete_moment(partnership, self._content.register, by_id, now, note)
            following = changed.next_evaluation
            notices.append(
                m.say("appraisal_moment_done", date=m.date(following))
                if following
                else m.say("appraisal_moment_done_no_next")
            )
        elif due is not None:
            notices.append(
                self._messages.say("appraisal_moment_kept", date=self._messages.date(due))
            )
        phase = state["phase"]
        phase_back = None
        if phase and phase != partnership.phase:
            if phase_moves_back(partnership.phase, phase, self._file):
                phase_back = phase
            else:
                changed = replace(changed, phase=phase)
                label = appraisal_cards.phase_label(self._content.register, phase)
                notices.append(self._messages.say("appraisal_phase_changed", phase=label))
        return changed, event, notices, phase_back

    def _retry(self, step: str) -> str:
        return self._messages.say(
            "appraisal_retry_yes_no" if step == "own_change" else "appraisal_retry_choice"
        )
