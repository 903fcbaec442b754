"""Reads an Adaptive Card the way a user does: its texts and its buttons."""

from __future__ import annotations

from typing import Any


def texts(card: dict[str, Any] | None) -> str:
    """All visible text of a card (blocks, facts, runs, button titles), one per line."""
    found: list[str] = []
    _walk(card, found)
    return "\n".join(found)


def actions(card: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every action of a card, nested ones included, in reading order."""
    found: list[dict[str, Any]] = []
    _collect_actions(card, found)
    return found


def find_action(card: dict[str, Any] | None, title_start: str) -> dict[str, Any]:
    for action in actions(card):
        if str(action.get("title", "")).startswith(title_start):
            return action
    raise AssertionError(f"no button starting with {title_start!r} in {texts(card)}")


def _walk(node: Any, found: list[str]) -> None:
    if isinstance(node, dict):
        found.extend(node[key] for key in ("text", "title") if isinstance(node.get(key), str))
        if "title" in node and "type" not in node and isinstance(node.get("value"), str):
            found.append(node["value"])  # a fact
        for value in node.values():
            if isinstance(value, list | dict):
                _walk(value, found)
    elif isinstance(node, list):
        for item in node:
            _walk(item, found)


def _collect_actions(node: Any, found: list[dict[str, Any]]) -> None:
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("Action."):
            found.append(node)
        for value in node.values():
            _collect_actions(value, found)
    elif isinstance(node, list):
        for item in node:
            _collect_actions(item, found)
