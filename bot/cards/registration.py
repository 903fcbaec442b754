"""Cards for resuming an unfinished registration and for taking over a partnership."""

from __future__ import annotations

from bot.cards.actions import Action, data
from bot.cards.common import Card, button_row, card, numbered, submit, text
from bot.cards.labels import label
from bot.domain.messages import Messages
from bot.domain.register import Partnership, Person


def registration_resume_card(messages: Messages) -> Card:
    return card(
        [text(messages.say("registration_resume"))],
        [
            submit(
                label(messages, "registration_finish"),
                data(Action.DIALOG_CONTINUE),
                style="positive",
            ),
            submit(label(messages, "registration_stop"), data(Action.DIALOG_STOP)),
        ],
    )


def handover_offers_card(messages: Messages, partnerships: list[Partnership]) -> Card:
    """Partnerships someone wants to hand over to this user: take them over with one click."""
    body = [text(messages.say("handover_offer_intro"))]
    for partnership in partnerships:
        if partnership.id is None:
            continue
        body += [
            text(partnership.name, bold=True),
            *button_row(
                [
                    submit(
                        label(messages, "take_over"),
                        data(Action.PARTNERSHIP_ACCEPT, id=partnership.id),
                    )
                ]
            ),
        ]
    return card(body)


def handover_choice_card(
    messages: Messages, partnership: Partnership, people: list[Person]
) -> Card:
    """Several colleagues fit a typed name: pick the one meant."""
    entries = [
        (
            person.name,
            data(Action.PARTNERSHIP_HANDOVER, id=partnership.id, account_holder_id=person.id),
        )
        for person in people
    ]
    return card(
        [
            text(messages.say("handover_which"), bold=True),
            *numbered(messages, entries, "option_number"),
        ]
    )
