"""Form inputs (Adaptive Cards 1.5: every input has an id and a label) and containers."""

from __future__ import annotations

from collections.abc import Iterable

from bot.cards.common import Element

TEXT_MAX_LENGTH = 1000


def text_input(
    id_: str,
    label: str,
    *,
    placeholder: str | None = None,
    multiline: bool = False,
    required: str | None = None,
    max_length: int = TEXT_MAX_LENGTH,
    value: str | None = None,
) -> Element:
    """`required`: the error message to show when it is left empty (then it is required)."""
    element: Element = {"type": "Input.Text", "id": id_, "label": label, "maxLength": max_length}
    if placeholder:
        element["placeholder"] = placeholder
    if multiline:
        element["isMultiline"] = True
    if value:
        element["value"] = value
    return _required(element, required)


def choice_set(
    id_: str,
    label: str,
    choices: Iterable[tuple[str, str]],
    *,
    expanded: bool = False,
    multiple: bool = False,
    value: str | None = None,
    placeholder: str | None = None,
    required: str | None = None,
) -> Element:
    """`choices`: (title, value) pairs; `expanded` shows radio buttons or check boxes."""
    element: Element = {
        "type": "Input.ChoiceSet",
        "id": id_,
        "label": label,
        "style": "expanded" if expanded else "compact",
        "choices": [{"title": title_, "value": value_} for title_, value_ in choices],
    }
    if multiple:
        element["isMultiSelect"] = True
    if value:
        element["value"] = value
    if placeholder:
        element["placeholder"] = placeholder
    return _required(element, required)


def date_input(id_: str, label: str, *, value: str | None = None) -> Element:
    """`value`: YYYY-MM-DD."""
    element: Element = {"type": "Input.Date", "id": id_, "label": label}
    if value:
        element["value"] = value
    return element


def _required(element: Element, message: str | None) -> Element:
    if message:
        element["isRequired"] = True
        element["errorMessage"] = message
    return element


def container(
    items: list[Element], *, spacing: str | None = None, separator: bool = False
) -> Element:
    element: Element = {"type": "Container", "items": items}
    if spacing:
        element["spacing"] = spacing
    if separator:
        element["separator"] = True
    return element


def people_picker(id_: str, label: str) -> Element:
    """Teams' people picker: the chosen colleague's Entra object id is the input's value."""
    return {
        "type": "Input.ChoiceSet",
        "id": id_,
        "label": label,
        "choices": [],
        "choices.data": {"type": "Data.Query", "dataset": "graph.microsoft.com/users"},
    }
