"""Helpers to look inside card JSON: walk it, collect actions, texts and payloads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

ELEMENT_TYPES = {
    "TextBlock",
    "Container",
    "ColumnSet",
    "Column",
    "FactSet",
    "ActionSet",
    "Image",
}
INPUT_TYPES = {
    "Input.Text",
    "Input.ChoiceSet",
    "Input.Date",
    "Input.Time",
    "Input.Number",
    "Input.Toggle",
}
ACTION_TYPES = {"Action.Submit", "Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility"}
MAX_CARD_BYTES = 28_000


def nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict with a "type" in the card, except inside Submit payloads ("data")."""
    if isinstance(node, dict):
        if "type" in node:
            yield node
        for key, value in node.items():
            if key != "data":
                yield from nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from nodes(value)


def of_type(card: dict[str, Any], *types: str) -> list[dict[str, Any]]:
    return [node for node in nodes(card) if node["type"] in types]


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [node for node in nodes(card) if node["type"] in ACTION_TYPES]


def payloads(card: dict[str, Any], action: str | None = None) -> list[dict[str, Any]]:
    """Submit payloads in card order; with `action`, only those of that kind."""
    found = [node["data"] for node in of_type(card, "Action.Submit")]
    return [data for data in found if action is None or data.get("action") == action]


def command_values(card: dict[str, Any]) -> list[str]:
    """What the card's command buttons do, as typed ('thema's', 'ja', a question)."""
    return [data["text"] for data in payloads(card, "command")]


def inputs(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every input element, ShowCards included, in card order."""
    return of_type(card, *INPUT_TYPES)


def texts(card: dict[str, Any]) -> list[str]:
    return [node["text"] for node in of_type(card, "TextBlock")]


def titles(card: dict[str, Any]) -> list[str]:
    return [node["title"] for node in actions(card)]


def size(card: dict[str, Any]) -> int:
    return len(json.dumps(card).encode("utf-8"))
