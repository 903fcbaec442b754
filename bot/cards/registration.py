"""Texts and cards for resuming an unfinished conversation and for leaving the register."""

from __future__ import annotations

from bot.cards.common import Card, button_row, card, submit, text
from bot.domain.register import Partnership

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
    return "Vul het e-mailadres of de naam van de nieuwe accounthouder in."


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
