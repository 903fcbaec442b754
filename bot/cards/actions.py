"""The contract between cards and the conversation: every button's action and its data.

Card builders make button data with `data(Action.X, ...)`; the router reads it back with
`read(value)`, which checks it against the action's payload model. Data is plain
`Action.Submit` data - no `msteams.imBack`, no field named `key` - so that every button works
in Teams and in the Agents Playground. Form inputs arrive beside the payload's own fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

ACTION_FIELD = "action"


class Action(StrEnum):
    COMMAND = "command"  # a menu or example button: its text, as if typed
    SHOW = "show"
    THEME = "theme"
    EXPERT = "expert"
    FEEDBACK = "feedback"
    INTAKE_START = "intake_start"
    INTAKE_FORM = "intake_form"
    INTAKE_MARKDOWN = "intake_markdown"
    DIALOG_CONTINUE = "dialog_continue"
    DIALOG_STOP = "dialog_stop"
    PARTNERSHIP_NEW = "partnership_new"
    PARTNERSHIP_FORM = "partnership_form"
    PARTNERSHIPS_MINE = "partnerships_mine"
    PARTNERSHIP_OPEN = "partnership_open"
    PARTNERSHIP_UPDATE = "partnership_update"
    PARTNERSHIP_HANDOVER = "partnership_handover"
    PARTNERSHIP_ACCEPT = "partnership_accept"
    PARTNERSHIP_ARCHIVE = "partnership_archive"
    EVALUATION_START = "evaluation_start"
    EVALUATION_DONE = "evaluation_done"
    EVALUATION_POSTPONE = "evaluation_postpone"
    REMINDERS_OFF = "reminders_off"
    REMINDERS_ON = "reminders_on"
    DELETE_MY_DATA = "delete_my_data"
    TICKET_ASK = "ticket_ask"  # "Vraag een expert": the form to ask a team
    TICKET_SUBMIT = "ticket_submit"  # the form sent: inputs question, team, partnership
    TICKET_PICK_UP = "ticket_pick_up"  # the team's buttons on the ticket card in the channel
    TICKET_ANSWER = "ticket_answer"  # input answer
    TICKET_FORWARD = "ticket_forward"  # inputs team, note
    TICKET_CLOSE = "ticket_close"
    TICKET_RESOLVED = "ticket_resolved"  # the asker's buttons in personal chat
    TICKET_FOLLOW_UP = "ticket_follow_up"  # input follow_up
    APPRAISAL_START = "appraisal_start"  # start the appraisal (waarderingskader)
    APPRAISAL_FORM = "appraisal_form"  # one perspective's form
    APPRAISAL_SHOW = "appraisal_show"  # a stored appraisal's result again
    APPRAISAL_MARKDOWN = "appraisal_markdown"
    APPRAISAL_PHASE = "appraisal_phase"  # yes, move the phase back to the one answered
    APPRAISAL_REGISTER = "appraisal_register"  # register the appraised partnership
    PARTNERSHIP_IMPORTANCE = "partnership_importance"  # belang voor raad en college
    PHASE_SHOW = "phase_show"  # a partnership's phase: questions, what to settle, next phase
    PHASE_NEXT = "phase_next"  # move the partnership from `phase` to the next phase
    ROLES = "roles"  # who does what, for a Wgr partnership (A) or a network and the rest (B)
    REGIME_APPLY = "regime_apply"  # the evaluation regime its importance proposes
    CONFIRM = "confirm"  # yes to a question asked before something that cannot be undone
    CANCEL = "cancel"


class Payload(BaseModel):
    """An action's own fields; form inputs and unknown fields are left to the handler."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class NoFields(Payload):
    pass


class TypedCommand(Payload):
    text: str


class EntryRef(Payload):
    id: str


class ThemeRef(Payload):
    theme: str


class ExpertRef(Payload):
    code: str


class Feedback(Payload):
    id: str
    helpful: bool


Mode = Literal["form", "steps"]


class IntakeStart(Payload):
    theme: str
    mode: Mode = "steps"
    partnership: int | None = None


class IntakeForm(Payload):
    theme: str
    partnership: int | None = None


class IntakeRef(Payload):
    intake: int


class RegistrationStart(Payload):
    mode: Mode = "form"
    form: str | None = None  # what a described situation already says, filled in
    flags: str | None = None  # comma-separated flag keys


class PartnershipRef(Payload):
    id: int


class MomentRef(Payload):
    id: int
    due: str


class TicketAsk(Payload):
    id: str | None = None  # the answer (entry) the question is about
    text: str | None = None  # the question as typed, when the answer card does not know it


class TicketSubmit(Payload):
    item: str | None = None  # the checklist item the question matched


class TicketRef(Payload):
    ticket: int


class AppraisalStart(Payload):
    id: int | None = None  # the partnership; None: one that is not registered (yet)
    mode: Mode = "steps"


class AppraisalForm(Payload):
    perspective: str
    id: int | None = None


class AppraisalRef(Payload):
    appraisal: int


class AppraisalPhase(Payload):
    id: int
    phase: str


class PhaseNext(Payload):
    id: int
    phase: str  # the phase the card showed: a second click does not skip a phase
    decided: bool = False  # the formal decision that ends the phase is taken


class RolesRef(Payload):
    part: Literal["A", "B"]


Confirmable = Literal["delete_my_data", "partnership_archive", "dialog_stop"]


class Confirmation(Payload):
    confirm: Confirmable
    id: int | None = None


PAYLOADS: dict[Action, type[Payload]] = {
    Action.COMMAND: TypedCommand,
    Action.SHOW: EntryRef,
    Action.THEME: ThemeRef,
    Action.EXPERT: ExpertRef,
    Action.FEEDBACK: Feedback,
    Action.INTAKE_START: IntakeStart,
    Action.INTAKE_FORM: IntakeForm,
    Action.INTAKE_MARKDOWN: IntakeRef,
    Action.DIALOG_CONTINUE: NoFields,
    Action.DIALOG_STOP: NoFields,
    Action.PARTNERSHIP_NEW: RegistrationStart,
    Action.PARTNERSHIP_FORM: NoFields,
    Action.PARTNERSHIPS_MINE: NoFields,
    Action.PARTNERSHIP_OPEN: PartnershipRef,
    Action.PARTNERSHIP_UPDATE: PartnershipRef,
    Action.PARTNERSHIP_HANDOVER: PartnershipRef,
    Action.PARTNERSHIP_ACCEPT: PartnershipRef,
    Action.PARTNERSHIP_ARCHIVE: PartnershipRef,
    Action.EVALUATION_START: PartnershipRef,
    Action.EVALUATION_DONE: MomentRef,
    Action.EVALUATION_POSTPONE: MomentRef,
    Action.REMINDERS_OFF: PartnershipRef,
    Action.REMINDERS_ON: PartnershipRef,
    Action.DELETE_MY_DATA: NoFields,
    Action.TICKET_ASK: TicketAsk,
    Action.TICKET_SUBMIT: TicketSubmit,
    Action.TICKET_PICK_UP: TicketRef,
    Action.TICKET_ANSWER: TicketRef,
    Action.TICKET_FORWARD: TicketRef,
    Action.TICKET_CLOSE: TicketRef,
    Action.TICKET_RESOLVED: TicketRef,
    Action.TICKET_FOLLOW_UP: TicketRef,
    Action.APPRAISAL_START: AppraisalStart,
    Action.APPRAISAL_FORM: AppraisalForm,
    Action.APPRAISAL_SHOW: AppraisalRef,
    Action.APPRAISAL_MARKDOWN: AppraisalRef,
    Action.APPRAISAL_PHASE: AppraisalPhase,
    Action.APPRAISAL_REGISTER: AppraisalRef,
    Action.PARTNERSHIP_IMPORTANCE: PartnershipRef,
    Action.PHASE_SHOW: PartnershipRef,
    Action.PHASE_NEXT: PhaseNext,
    Action.ROLES: RolesRef,
    Action.REGIME_APPLY: PartnershipRef,
    Action.CONFIRM: Confirmation,
    Action.CANCEL: NoFields,
}
# A card with one of these is used up once clicked: it is updated in place, and a second
# click on it is answered with "al afgehandeld".
SINGLE_USE = frozenset(
    {
        Action.FEEDBACK,
        Action.INTAKE_FORM,
        Action.PARTNERSHIP_FORM,
        Action.EVALUATION_DONE,
        Action.EVALUATION_POSTPONE,
        Action.PARTNERSHIP_ACCEPT,
        Action.CONFIRM,
        Action.CANCEL,
        Action.DIALOG_CONTINUE,
        Action.DIALOG_STOP,
        Action.TICKET_SUBMIT,
        Action.TICKET_RESOLVED,
        Action.TICKET_FOLLOW_UP,
        Action.APPRAISAL_FORM,
        Action.APPRAISAL_PHASE,
        Action.PHASE_NEXT,
    }
)


def data(action: Action, **fields: Any) -> dict[str, Any]:
    """Button data for `action`; raises ValueError when the fields break the contract."""
    PAYLOADS[action].model_validate(fields)  # a builder's mistake fails its tests at once
    return {ACTION_FIELD: action.value, **{k: v for k, v in fields.items() if v is not None}}


@dataclass(frozen=True)
class CardAction:
    action: Action
    payload: Payload
    values: dict[str, Any]  # everything the card sent, form inputs included


class Unusable(ValueError):
    """Card data the contract does not know or cannot read; `unknown` tells which."""

    def __init__(self, unknown: bool) -> None:
        super().__init__("unknown action" if unknown else "malformed action data")
        self.unknown = unknown


def is_card_action(value: Any) -> bool:
    return isinstance(value, dict) and ACTION_FIELD in value


def read(value: dict[str, Any]) -> CardAction:
    """The action a card sent; raises Unusable for unknown or malformed data."""
    name = value.get(ACTION_FIELD)
    if not isinstance(name, str) or name not in Action.__members__.values():
        raise Unusable(unknown=True)
    action = Action(name)
    try:
        payload = PAYLOADS[action].model_validate(value)
    except ValidationError:
        raise Unusable(unknown=False) from None
    return CardAction(action, payload, value)
