"""Registering a new partnership ("nieuwe samenwerking"), by one form or step by step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogTurnResult

from bot import cards
from bot.cards.actions import Action
from bot.domain.content import Content
from bot.domain.dates import parse_date
from bot.domain.dutch import normalize
from bot.domain.intake import parse_answer
from bot.domain.register import InvalidPartnership, new_partnership, recommend
from bot.store.appraisals import AppraisalRepository
from bot.store.register import PartnershipRepository
from bot.teams.replies import send_card, sender
from dialogs.guided import GuidedDialog, QuestionDesk

PARTNERSHIP_DIALOG = "partnership"
# The step-by-step questions, in order; each reads typed text into the form's field value.
FIELDS = (
    "name",
    "purpose",
    "partners",
    "form",
    "mandated",
    "phase",
    "flags",
    "first_evaluation",
    "cadence",
)


class PartnershipDialog(GuidedDialog):
    form_action = Action.PARTNERSHIP_FORM

    def __init__(
        self,
        content: Content,
        partnerships: PartnershipRepository,
        clock: Callable[[], datetime],
        questions: QuestionDesk,
        appraisals: AppraisalRepository | None = None,
    ) -> None:
        super().__init__(PARTNERSHIP_DIALOG, content, questions)
        self._register = content.register
        self._partnerships = partnerships
        self._clock = clock
        self._appraisals = appraisals

    async def begin_dialog(self, dc: DialogContext, options: Any = None) -> DialogTurnResult:
        options = options or {}
        mode = "form" if options.get("mode") == "form" else "steps"
        prefill = {key: options[key] for key in ("form", "flags") if options.get(key)}
        dc.active_dialog.state.update(mode=mode, index=0, values={}, prefill=prefill)
        if options.get("appraisal") and options.get("name"):  # registering what was appraised
            dc.active_dialog.state.update(
                index=1, values={"name": options["name"]}, appraisal=options["appraisal"]
            )
        if options.get("submitted"):  # a form that arrived without a running registration
            return await self._take_form(dc, options["values"])
        return await self.reprompt(dc)

    async def _take_form(self, dc: DialogContext, values: dict[str, Any]) -> DialogTurnResult:
        return await self._register_or_explain(dc, _form_values(values))

    async def _take_answer(self, dc: DialogContext, text: str, skip: bool) -> DialogTurnResult:
        state = dc.active_dialog.state
        field = FIELDS[state["index"]]
        parsed = "" if skip else self._read(field, text)
        if parsed is None or (field == "name" and not parsed):
            await dc.context.send_activity(cards.registration_retry_text(self._messages, field))
            return await self.reprompt(dc)
        state["values"][field] = parsed
        state["index"] += 1
        if state["index"] < len(FIELDS):
            return await self.reprompt(dc)
        return await self._register_or_explain(dc, state["values"])

    async def _stop(self, dc: DialogContext) -> DialogTurnResult:
        await dc.context.send_activity(cards.registration_stopped_text(self._messages))
        return await dc.end_dialog()

    def _reads(self, state: dict[str, Any], text: str) -> bool:
        return bool(self._read(FIELDS[state["index"]], text))

    def help_text(self) -> str:
        return cards.registration_help_text(self._messages)

    def position(self, state: dict[str, Any]) -> tuple[int, int]:
        return state["index"] + 1, len(FIELDS)

    async def send_resume_card(self, context: TurnContext, state: dict[str, Any]) -> None:
        await send_card(context, cards.registration_resume_card(self._messages))

    def stopped_text(self, state: dict[str, Any]) -> str:
        return cards.intake_discarded_text(self._messages)

    def stop_question(self, state: dict[str, Any]) -> str:
        return self._messages.say("confirm_registration_stop")

    async def _prompt(self, context: TurnContext, state: dict[str, Any]) -> None:
        """The form, or the current question; also after an interruption or a restart."""
        if state["mode"] == "form":
            person = sender(context)
            card = cards.partnership_form_card(
                self._content, person.name, self._clock().date(), **state.get("prefill", {})
            )
            await send_card(context, card)
            return
        field = FIELDS[state["index"]]
        label, hint = cards.registration_field_text(self._messages, field)
        choices = self._choices(field)
        await send_card(
            context,
            cards.partnership_question_card(
                self._messages,
                label,
                state["index"] + 1,
                len(FIELDS),
                choices,
                hint,
                multiple=field == "flags",
            ),
        )

    def _choices(self, field: str) -> list[tuple[str, str]] | None:
        register = self._register
        options = {
            "form": [(f.key, f.label) for f in register.forms],
            "phase": [(p.key, p.label) for p in register.phases],
            "cadence": [(c.key, c.label) for c in register.cadences],
            "flags": [(f.key, f.question) for f in register.flags],
            "mandated": [("true", "Ja"), ("false", "Nee")],
        }
        return options.get(field)

    def _read(self, field: str, text: str) -> str | None:
        """The field's value from typed text, or None when it cannot be read."""
        if field == "mandated":
            answer, _ = parse_answer(text)
            return {"ja": "true", "nee": "false"}.get(answer or "")
        if field == "first_evaluation":
            if normalize(text) in ("", "standaard", "geen"):
                return ""
            parsed = parse_date(text)
            return parsed.isoformat() if parsed else None
        if field == "flags":
            if normalize(text) in ("geen", "nee", "niets"):
                return ""
            picked = [
                _pick(part, self._choices(field) or [])
                for part in text.replace(" ", ",").split(",")
                if part
            ]
            return None if None in picked else ",".join(str(key) for key in picked)
        if field == "cadence" and normalize(text) == "standaard":
            return self._register.default_cadence
        choices = self._choices(field)
        if choices is not None:
            return _pick(text, choices)
        return text

    async def _register_or_explain(
        self, dc: DialogContext, values: dict[str, str]
    ) -> DialogTurnResult:
        person = sender(dc.context)
        try:
            partnership = new_partnership(values, person, self._clock(), self._register)
        except InvalidPartnership as invalid:
            await dc.context.send_activity(
                cards.registration_problems_text(self._messages, invalid.fields)
            )
            state = dc.active_dialog.state
            if state["mode"] == "form":
                return Dialog.end_of_turn  # the form is still in the chat, with their input
            state["index"] = FIELDS.index(invalid.fields[0])
            return await self.reprompt(dc)
        stored = await self._partnerships.add(partnership)
        appraisal = dc.active_dialog.state.get("appraisal")
        if appraisal and self._appraisals is not None and stored.id is not None:
            await self._appraisals.attach(appraisal, stored.id)
        recommendation = recommend(stored, self._register)
        card = cards.partnership_registered_card(
            stored, self._register, self._content, recommendation
        )
        await send_card(dc.context, card)
        return await dc.end_dialog(stored.id)


def _form_values(value: dict[str, Any]) -> dict[str, str]:
    return {name: str(value.get(name) or "") for name in FIELDS}


def _pick(text: str, choices: list[tuple[str, str]]) -> str | None:
    """A choice by its number ('2'), its key or the start of its label."""
    typed = normalize(text)
    if typed.isdigit() and 1 <= int(typed) <= len(choices):
        return choices[int(typed) - 1][0]
    for key, label in choices:
        if typed and (typed == normalize(key) or normalize(label).startswith(typed)):
            return key
    return None
