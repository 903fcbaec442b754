"""Plain-text replies, from content/messages.yaml: the conversation sends these as they are.

Each takes the Messages of the content (`content.messages`). New texts need no function
here: call `content.messages.say(key, ...)` or `.count(key, n, ...)` directly.
"""

from __future__ import annotations

from datetime import date

from bot.cards.register import FIELD_KEYS, HINT_KEYS, PROBLEM_KEYS, RETRY_KEYS
from bot.domain.messages import Messages


def error_text(messages: Messages, reference: str) -> str:
    """The apology when a turn fails; the reference lets support find the log line."""
    return messages.say("error", reference=reference)


def feedback_thanks(messages: Messages, helpful: bool) -> str:
    return messages.say("feedback_helpful" if helpful else "feedback_not_helpful")


def data_deleted_text(messages: Messages) -> str:
    return messages.say("data_deleted")


def unknown_item_text(messages: Messages) -> str:
    """When a button points at something the content no longer has (an old card)."""
    return messages.say("unknown_item")


def nothing_to_resume_text(messages: Messages) -> str:
    return messages.say("nothing_to_resume")


def still_account_holder_text(messages: Messages, names: list[str]) -> str:
    quoted = messages.listing([messages.say("quoted_name", name=name) for name in names])
    return messages.count("still_account_holder", len(names), names=quoted)


# Intakes


def intake_help_text(messages: Messages) -> str:
    return messages.say("intake_help")


def intake_stopped_text(messages: Messages) -> str:
    """Stopped before any answer: nothing to summarise."""
    return messages.say("intake_stopped_nothing")


def intake_resumed_text(messages: Messages, theme: str, index: int, total: int) -> str:
    return messages.say("intake_resumed", theme=theme, index=index, total=total)


def intake_discarded_text(messages: Messages, theme: str | None = None) -> str:
    """After 'Intake stoppen' on the resume card; without a theme: a registration."""
    if theme is None:
        return messages.say("registration_discarded")
    return messages.say("intake_discarded", theme=theme)


# The register


def registration_field_text(messages: Messages, field: str) -> tuple[str, str | None]:
    """The label and hint of a registration question asked step by step."""
    hint = messages.say(HINT_KEYS[field]) if field in HINT_KEYS else None
    return messages.say(FIELD_KEYS[field]), hint


def registration_retry_text(messages: Messages, field: str) -> str:
    """When typed text does not fit the question."""
    if field in RETRY_KEYS:
        return messages.say(RETRY_KEYS[field])
    return messages.say("retry_choice")


def registration_problems_text(messages: Messages, fields: list[str]) -> str:
    """When the registration cannot be stored yet; `fields` are the field names at fault."""
    names = messages.listing(
        [messages.say(PROBLEM_KEYS[field]) if field in PROBLEM_KEYS else field for field in fields]
    )
    return messages.say("registration_problems", fields=names)


def registration_help_text(messages: Messages) -> str:
    return messages.say("registration_help")


def registration_stopped_text(messages: Messages) -> str:
    return messages.say("registration_stopped")


def partnership_not_allowed_text(messages: Messages) -> str:
    return messages.say("partnership_not_allowed")


def partnership_handover_text(messages: Messages, name: str, to: str) -> str:
    return messages.say("partnership_handover", name=name, to=to)


def partnership_archived_text(messages: Messages, name: str) -> str:
    return messages.say("partnership_archived", name=name)


def handover_missing_text(messages: Messages) -> str:
    return messages.say("handover_missing")


def taken_over_text(messages: Messages, name: str) -> str:
    return messages.say("taken_over", name=name)


# Evaluation moments


def evaluation_done_text(messages: Messages, name: str, next_due: date | None) -> str:
    if next_due is None:
        return messages.say("evaluation_done_no_next", name=name)
    return messages.say("evaluation_done", name=name, date=messages.date(next_due))


def evaluation_postponed_text(messages: Messages, name: str, new_due: date) -> str:
    return messages.say("evaluation_postponed", name=name, date=messages.date(new_due))


def reminders_off_text(messages: Messages, name: str) -> str:
    return messages.say("reminders_off", name=name)


def reminders_on_text(messages: Messages, name: str) -> str:
    return messages.say("reminders_on", name=name)


def evaluation_already_changed_text(messages: Messages, name: str) -> str:
    """When a reminder's button concerns a moment that was completed or moved meanwhile."""
    return messages.say("evaluation_already_changed", name=name)


# The conversation layer: confirming, stale or used buttons, interruptions, small talk

SMALL_TALK_KEYS = {  # kind of small talk -> its reply
    "greeting": "greeting",
    "thanks": "thanks",
    "goodbye": "goodbye",
    "acknowledgement": "acknowledgement",
    "yes_no": "yes_no_outside_dialog",
    "unclear_chat": "unclear_chat",
}
STALE_KEYS = {  # why a button no longer works -> the reply (placeholders: see messages.yaml)
    "partnership_archived": "stale_partnership_archived",
    "dialog_gone": "stale_dialog_gone",
}
USED_KEYS = {  # what a used card was -> the line that replaces it (see used_card)
    "feedback": "done_feedback",
    "form": "done_form",
    "evaluation": "done_evaluation",
    "continued": "done_continued",
}
SITUATION_KEYS = {  # the headings of the situation overview card
    "heading": "situation_heading",
    "teams": "situation_teams",
    "register": "situation_register",
    "intakes": "situation_intakes",
}


def small_talk_text(messages: Messages, kind: str) -> str:
    """The reply to small talk: greeting, thanks, acknowledgement, yes_no, unclear_chat."""
    return messages.say(SMALL_TALK_KEYS[kind])


def cancelled_text(messages: Messages) -> str:
    """After Annuleren on a confirmation."""
    return messages.say("cancelled")


def already_handled_text(messages: Messages) -> str:
    """A second click on a single-use card."""
    return messages.say("already_handled")


def button_unknown_text(messages: Messages) -> str:
    """A button whose data the contract does not know or cannot read."""
    return messages.say("button_unknown")


def stale_partnership_text(messages: Messages, name: str | None) -> str:
    """A button of a partnership that has been archived since (`name`), or that is gone."""
    if name is None:
        return unknown_item_text(messages)
    return messages.say(STALE_KEYS["partnership_archived"], name=name)


def stale_dialog_text(messages: Messages) -> str:
    """A button of an intake or registration that has ended since."""
    return messages.say(STALE_KEYS["dialog_gone"])


def used_line(messages: Messages, what: str) -> str:
    """The one line for used_card: what = feedback, form or evaluation."""
    return messages.say(USED_KEYS[what])


def question_during_step_text(messages: Messages, index: int) -> str:
    """A typed question answered during a yes/no step; then the step is asked again."""
    return messages.say("question_during_step", index=index)


def confirm_question(
    messages: Messages, confirm: str, *, name: str = "", theme: str = "", answered: int = 0
) -> str:
    """The question of a confirmation_card: delete_my_data, partnership_archive (name) or
    dialog_stop (theme, answered)."""
    if confirm == "delete_my_data":
        return messages.say("confirm_delete_my_data")
    if confirm == "partnership_archive":
        return messages.say("confirm_partnership_archive", name=name)
    return messages.count("confirm_dialog_stop", answered, theme=theme)


def situation_heading(messages: Messages, part: str) -> str:
    """Headings of the situation overview: heading, teams, register, intakes."""
    return messages.say(SITUATION_KEYS[part])
