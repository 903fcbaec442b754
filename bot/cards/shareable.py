"""A card fit to insert into any chat (search from the compose box): the parts that only make
sense in a chat with the bot are taken out (the feedback question, buttons that post a command
or ask an expert), and lists of buttons that open another question go (the card lists those
questions in full already)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.cards.common import Card, Element


def shareable(card: Card) -> Card:
    """A copy of `card` fit to insert into any chat (see the module docstring)."""
    result = dict(card)
    result["body"] = _kept(card.get("body", []))
    result["actions"] = [action for action in card.get("actions", []) if _keeps(action)]
    return result


def _kept(elements: Iterable[Element]) -> list[Element]:
    out: list[Element] = []
    for element in elements:
        if element.get("id") == "feedback":  # "Had je hier iets aan?"
            continue
        kind = element.get("type")
        if kind == "ActionSet":
            actions = [action for action in element.get("actions", []) if _keeps(action)]
            if _only_opens_entries(element) or not actions:
                continue
            element = {**element, "actions": actions}
        elif kind == "Container":
            element = {**element, "items": _kept(element.get("items", []))}
        out.append(element)
    return out


def _only_opens_entries(action_set: Element) -> bool:
    """Buttons that only open other questions (also folded behind a ShowCard): the card lists
    those questions in full already."""
    actions = action_set.get("actions", [])
    if len(actions) == 1 and actions[0].get("type") == "Action.ShowCard":
        inner = actions[0].get("card", {}).get("body", [])
        return bool(inner) and all(
            element.get("type") == "ActionSet" and _only_opens_entries(element) for element in inner
        )
    return bool(actions) and all(_opens_entry(action) for action in actions)


def _opens_entry(action: dict[str, Any]) -> bool:
    data = action.get("data")
    return (
        action.get("type") == "Action.Submit"
        and isinstance(data, dict)
        and data.get("action") == "show"
    )


def _keeps(action: dict[str, Any]) -> bool:
    """Feedback and asking an expert belong to the chat with the bot; a menu button would post
    a command into a chat where the bot does not read along."""
    data = action.get("data")
    if action.get("type") != "Action.Submit" or not isinstance(data, dict):
        return True
    return data.get("action") not in ("feedback", "command", "ticket_ask")
