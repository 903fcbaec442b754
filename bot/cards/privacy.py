"""The privacy card: what the bot keeps about the user, and the button to delete it."""

from __future__ import annotations

from bot.cards.actions import Action, data
from bot.cards.common import Card, Element, bullets, button_row, card, submit, text, title
from bot.cards.labels import label
from bot.domain.messages import Messages
from bot.domain.retention import RetentionPeriods


def privacy_card(messages: Messages, stored: list[str], retention: RetentionPeriods) -> Card:
    """`stored`: lines describing what is kept for this user (the caller knows), each a
    message of messages.yaml (privacy_stored_*); `retention`: how long it is kept."""
    body: list[Element] = [title(messages.say("privacy_heading"))]
    if stored:
        body += [text(messages.say("privacy_stored_intro"), bold=True), bullets(stored)]
    else:
        body.append(text(messages.say("privacy_nothing_stored")))
    delete = submit(
        label(messages, "delete_my_data"), data(Action.DELETE_MY_DATA), style="destructive"
    )
    body += [
        text(messages.say("privacy_not_logged"), spacing="Medium"),
        text(messages.say("privacy_feedback_anonymous")),
        text(
            messages.say(
                "privacy_retention",
                state_days=retention.state_days,
                feedback_days=retention.feedback_days,
                ticket_days=retention.ticket_days,
            )
        ),
        text(messages.say("privacy_delete_hint"), spacing="Medium"),
        *button_row([delete]),
    ]
    return card(body)
