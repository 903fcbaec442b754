"""Small cards of the conversation itself: a question before something that cannot be undone,
and a used card's one-line remains."""

from __future__ import annotations

from typing import get_args

from bot.cards.actions import Action, Confirmable, data
from bot.cards.common import Card, card, submit, text
from bot.cards.labels import label
from bot.domain.messages import Messages

# The confirm button's label per thing confirmed.
CONFIRM_LABEL_KEYS: dict[str, str] = {
    "delete_my_data": "confirm_delete_my_data",
    "partnership_archive": "confirm_partnership_archive",
    "dialog_stop": "confirm_dialog_stop",
}
assert set(CONFIRM_LABEL_KEYS) == set(get_args(Confirmable))


def confirmation_card(
    messages: Messages, confirm: Confirmable, question: str, id_: int | None = None
) -> Card:
    """`question` (e.g. messages.say("confirm_delete_my_data")) with [confirm] [Annuleren].

    The confirm button sends Action.CONFIRM with `confirm` and `id_`; Annuleren sends
    Action.CANCEL. Both are single-use: update the card with used_card once clicked.
    """
    yes = submit(
        label(messages, CONFIRM_LABEL_KEYS[confirm]),
        data(Action.CONFIRM, confirm=confirm, id=id_),
        style="destructive",
    )
    no = submit(label(messages, "cancel"), data(Action.CANCEL))
    return card([text(question)], [yes, no])


def used_card(messages: Messages, title_text: str) -> Card:
    """The one line that replaces a used reminder, feedback, form or confirmation card when
    it is updated in place: '✓ {title_text}', no buttons."""
    return card([text(messages.say("done_card", title=title_text), subtle=True)])
