"""Texts and cards for resuming an unfinished conversation and for leaving the register."""

from __future__ import annotations

from bot.cards import actions as contract
from bot.cards import texts
from bot.cards.common import Card, button_list, button_row, card, submit, text
from bot.domain.register import Partnership, Person

RESUME_REGISTRATION = (
    "Je was nog bezig met het registreren van een samenwerking. Verdergaan of weggooien?"
)


def registration_resume_card() -> Card:
    return card(
        [text(RESUME_REGISTRATION)],
        [
            submit("Verdergaan", {"action": "dialog_continue"}),
            submit("Weggooien", {"action": "dialog_stop"}),
        ],
    )


def nothing_to_resume_text() -> str:
    return "Er staat niets meer open. Typ 'help' om te zien wat ik kan."


def handover_missing_text() -> str:
    return "Kies de nieuwe accounthouder, of typ zijn of haar naam."


def handover_choice_card(partnership: Partnership, people: list[Person]) -> Card:
    """Several colleagues match a typed name: pick the one meant."""
    buttons = [
        submit(
            person.name,
            contract.data(
                contract.Action.PARTNERSHIP_HANDOVER, id=partnership.id, account_holder_id=person.id
            ),
        )
        for person in people
    ]
    return card([text(texts.WHO_DO_YOU_MEAN, bold=True), *button_list(buttons)])


def still_account_holder_text(names: list[str]) -> str:
    listed = ", ".join(f"'{name}'" for name in names)
    return (
        f"Je bent nog accounthouder van {listed}. Die gegevens blijven, omdat de organisatie ze "
        "nodig heeft: draag de samenwerking over via 'mijn samenwerkingen'."
    )


def handover_offers_card(partnerships: list[Partnership]) -> Card:
    """Partnerships someone wants to hand over to this user: take them over with one click."""
    body = [text(HANDOVER_OFFER_INTRO)]
    for partnership in partnerships:
        body += [
            text(partnership.name, bold=True),
            *button_row(
                [submit(TAKE_OVER, {"action": "partnership_accept", "id": partnership.id})]
            ),
        ]
    return card(body)


def taken_over_text(name: str) -> str:
    return (
        f"Jij bent nu accounthouder van '{name}'. De herinneringen voor evaluaties komen naar jou."
    )


HANDOVER_OFFER_INTRO = "Er is gevraagd of jij accounthouder wilt worden van:"
TAKE_OVER = "Accounthouder worden"
