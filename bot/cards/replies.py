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
    hint = HINT_KEYS.get(field)
    return messages.say(FIELD_KEYS[field]), messages.say(hint) if hint else None


def registration_retry_text(messages: Messages, field: str) -> str:
    """When typed text does not fit the question."""
    return messages.say(RETRY_KEYS.get(field, "retry_choice"))


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
