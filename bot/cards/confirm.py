"""Asking before something that cannot be undone, and the one-line card a used card becomes."""

from __future__ import annotations

from bot.cards import texts
from bot.cards.actions import Action, Confirmable, data
from bot.cards.common import Card, button_row, card, submit, text
from bot.domain.register import Partnership


def confirm_card(
    question: str, confirm_title: str, what: Confirmable, id_: int | None = None
) -> Card:
    buttons = [
        submit(confirm_title, data(Action.CONFIRM, confirm=what, id=id_), style="destructive"),
        submit(texts.CANCEL_BUTTON, data(Action.CANCEL)),
    ]
    return card([text(question), *button_row(buttons)])


def confirm_delete_card() -> Card:
    return confirm_card(texts.CONFIRM_DELETE, texts.CONFIRM_DELETE_BUTTON, "delete_my_data")


def confirm_archive_card(partnership: Partnership) -> Card:
    question = texts.CONFIRM_ARCHIVE.format(name=partnership.name)
    return confirm_card(
        question, texts.CONFIRM_ARCHIVE_BUTTON, "partnership_archive", partnership.id
    )


def confirm_stop_card() -> Card:
    return confirm_card(texts.CONFIRM_STOP, texts.CONFIRM_STOP_BUTTON, "dialog_stop")


def sent_form_card(note: str = texts.SENT) -> Card:
    """What a used card becomes: one line saying what happened."""
    return card([text(note)])
