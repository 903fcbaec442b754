"""A card after use: its one-time buttons gone and a line saying what happened.

The conversation sends this in place of the clicked card (Teams' update of a sent activity),
so that an old reminder, form or feedback prompt cannot be used twice.
"""

from __future__ import annotations

from typing import Any

from bot.cards.actions import SINGLE_USE
from bot.cards.common import Card, Element, text

SETTLED_IDS = frozenset({"feedback"})  # elements that only make sense before use
_SINGLE_USE_NAMES = frozenset(action.value for action in SINGLE_USE)


def settled(card: Card, note: str) -> Card:
    """`card` without its single-use buttons and inputs, ending with `note`."""
    body = [_settle(element) for element in card.get("body", []) if _keeps(element)]
    actions = [a for a in card.get("actions", []) if not _single_use(a)]
    result = {**card, "body": [e for e in body if e is not None] + [_note(note)]}
    if actions:
        result["actions"] = actions
    else:
        result.pop("actions", None)
    return result


def _settle(element: Element) -> Element | None:
    if element.get("type") == "ActionSet":
        actions = [a for a in element.get("actions", []) if not _single_use(a)]
        return {**element, "actions": actions} if actions else None
    if "items" in element:
        return {**element, "items": [e for e in map(_settle, element["items"]) if e]}
    return element


def _keeps(element: Element) -> bool:
    return element.get("id") not in SETTLED_IDS and not str(element.get("type", "")).startswith(
        "Input."
    )


def _single_use(action: dict[str, Any]) -> bool:
    if action.get("type") == "Action.ShowCard":
        inner = action.get("card", {})
        return any(_single_use(a) for a in inner.get("actions", [])) or any(
            _single_use(a)
            for element in inner.get("body", [])
            if element.get("type") == "ActionSet"
            for a in element.get("actions", [])
        )
    data = action.get("data")
    return isinstance(data, dict) and data.get("action") in _SINGLE_USE_NAMES


def _note(note: str) -> Element:
    return text(note, spacing="Medium", separator=True)
