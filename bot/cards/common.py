"""Building blocks every card uses: the envelope, text, buttons and the expert contact block.

Teams renders at most six buttons per ActionSet (the rest disappear into an overflow menu)
and squeezes buttons that share a row, so lists of questions get one button per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.cards import texts
from bot.domain.content import Content
from bot.domain.models import Expert

Card = dict[str, Any]
Element = dict[str, Any]
Action = dict[str, Any]

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
MAX_ACTIONS_PER_SET = 6
BUTTON_TITLE_LIMIT = 80
ONE_LINE_LIMIT = 120


# --- the envelope -----------------------------------------------------------------------


def card(body: Iterable[Element], actions: Iterable[Action] = (), *, full: bool = False) -> Card:
    """A top-level Adaptive Card; `full` stretches it to the chat width in Teams."""
    result: Card = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "body": list(body),
        "actions": list(actions),
    }
    if full:
        result["msteams"] = {"width": "Full"}
    return result


# --- text -------------------------------------------------------------------------------


def text(
    value: str,
    *,
    size: str | None = None,
    bold: bool = False,
    subtle: bool = False,
    spacing: str | None = None,
    separator: bool = False,
) -> Element:
    block: Element = {"type": "TextBlock", "text": value.strip(), "wrap": True}
    if size:
        block["size"] = size
    if bold:
        block["weight"] = "Bolder"
    if subtle:
        block["isSubtle"] = True
    if spacing:
        block["spacing"] = spacing
    if separator:
        block["separator"] = True
    return block


def title(value: str) -> Element:
    return text(value, size="Large", bold=True)


def heading(value: str, *, separator: bool = False) -> Element:
    return text(value, size="Medium", bold=True, spacing="Medium", separator=separator)


def subtle(value: str) -> Element:
    return text(value, subtle=True, spacing="Small")


def bullets(lines: Iterable[str]) -> Element:
    """A markdown bulleted list (Teams separates list items with \\r)."""
    return text("\r".join(f"- {line.strip()}" for line in lines))


def shorten(value: str, limit: int = BUTTON_TITLE_LIMIT) -> str:
    """Cut at a word boundary and add an ellipsis, so the result is at most `limit` long."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def one_line(value: str, limit: int = ONE_LINE_LIMIT) -> str:
    """The first sentence of a text, cut after a clause if it is too long: for a team's
    'helps with' in a list."""
    first = re.split(r"(?<=[.!?])\s", " ".join(value.split()), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    clause_end = max(first.rfind(mark, 0, limit) for mark in ":;,")
    if clause_end >= limit // 3:
        return first[:clause_end].rstrip() + "…"
    return shorten(first, limit)


def as_sentence(value: str) -> str:
    """'contactgegevens volgen' -> 'Contactgegevens volgen.'"""
    value = value.strip()
    if not value:
        return value
    value = value[0].upper() + value[1:]
    return value if value[-1] in ".!?" else value + "."


# --- actions ----------------------------------------------------------------------------


def submit(title: str, data: dict[str, Any], *, style: str | None = None) -> Action:
    action: Action = {"type": "Action.Submit", "title": shorten(title), "data": data}
    if style:
        action["style"] = style
    return action


def im_back(title: str, value: str) -> Action:
    """A button that posts `value` as if the user typed it."""
    return submit(title, {"action": "command", "text": value})


def show_action(title: str, entry_id: str) -> Action:
    return submit(title, {"action": "show", "id": entry_id})


def theme_action(title: str, key: str) -> Action:
    return submit(title, {"action": "theme", "theme": key})


def expert_action(title: str, code: str) -> Action:
    return submit(title, {"action": "expert", "code": code})


def feedback_actions(entry_id: str) -> list[Action]:
    return [
        submit(texts.HELPFUL, {"action": "feedback", "id": entry_id, "helpful": True}),
        submit(texts.NOT_HELPFUL, {"action": "feedback", "id": entry_id, "helpful": False}),
    ]


def open_url(title: str, url: str) -> Action:
    return {"type": "Action.OpenUrl", "title": title, "url": url}


def show_card(title: str, body: Iterable[Element]) -> Action:
    return {
        "type": "Action.ShowCard",
        "title": title,
        "card": {"type": "AdaptiveCard", "body": list(body)},
    }


# --- action layout ----------------------------------------------------------------------


def action_set(actions: Sequence[Action], *, spacing: str | None = None) -> Element:
    element: Element = {"type": "ActionSet", "actions": list(actions)}
    if spacing:
        element["spacing"] = spacing
    return element


def button_row(actions: Sequence[Action]) -> list[Element]:
    """Short buttons side by side, split so no set exceeds what Teams shows."""
    return [
        action_set(actions[start : start + MAX_ACTIONS_PER_SET])
        for start in range(0, len(actions), MAX_ACTIONS_PER_SET)
    ]


def button_list(actions: Iterable[Action]) -> list[Element]:
    """Long buttons (questions) one per row, close together."""
    return [
        action_set([action], spacing="Small" if index else None)
        for index, action in enumerate(actions)
    ]


def folded_list(actions: Sequence[Action], *, inline: int, more_title: str) -> list[Element]:
    """Up to `inline` buttons as a list; when there are more, all of them behind one button."""
    if len(actions) <= inline:
        return button_list(actions)
    return [action_set([show_card(more_title, button_list(actions))])]


# --- feedback -----------------------------------------------------------------------------


def feedback_prompt() -> Element:
    prompt = text(texts.FEEDBACK_PROMPT, subtle=True, spacing="Medium", separator=True)
    return {**prompt, "id": "feedback"}


# --- expert teams -------------------------------------------------------------------------


def contact_elements(expert: Expert, content: Content) -> list[Element]:
    """How to reach a team: e-mail and website as buttons, phone as text.

    Shipped contact details are placeholders; then we say so instead of showing them.
    """
    contact = expert.contact
    if contact.placeholder:
        return [subtle(as_sentence(content.messages.expert_contact_placeholder))]
    lines: list[Element] = []
    if contact.team and contact.team != expert.name:
        lines.append(subtle(texts.TEAM_LINE.format(team=contact.team)))
    if contact.phone:
        lines.append(subtle(texts.PHONE_LINE.format(phone=contact.phone)))
    buttons: list[Action] = []
    if contact.email and _is_email(contact.email):
        buttons.append(open_url(texts.EMAIL_BUTTON, f"mailto:{contact.email.strip()}"))
    elif contact.email:
        lines.append(subtle(contact.email))
    if contact.url and _is_web_url(contact.url):
        buttons.append(open_url(texts.WEBSITE_BUTTON, contact.url.strip()))
    elif contact.url:
        lines.append(subtle(contact.url))
    return lines + button_row(buttons)


def expert_block(expert: Expert, content: Content, *, separator: bool = False) -> Element:
    """A team in an answer: name, what it helps with in one line, how to reach it."""
    items = [
        text(expert.name, bold=True),
        text(one_line(expert.helps_with), spacing="Small"),
        *contact_elements(expert, content),
    ]
    container: Element = {"type": "Container", "items": items, "spacing": "Medium"}
    if separator:
        container["separator"] = True
    return container


def experts_section(codes: Iterable[str], content: Content) -> list[Element]:
    """'Neem contact op met' and a block per team, the main team first."""
    blocks = [
        expert_block(content.experts[code], content, separator=index > 0)
        for index, code in enumerate(dict.fromkeys(codes))
    ]
    return [heading(content.messages.answer_experts, separator=True), *blocks]


def _is_email(value: str) -> bool:
    return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip()) is not None


def _is_web_url(value: str) -> bool:
    return re.match(r"https?://\S+$", value.strip()) is not None
