"""Building blocks every card uses: the envelope, text, buttons and the expert contact block.

Teams renders at most six buttons per ActionSet (the rest disappear into an overflow menu)
and squeezes buttons that share a row, so lists of questions get one button per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.cards.actions import Action as Do
from bot.cards.actions import data
from bot.cards.labels import LABEL_LIMIT, label
from bot.domain.content import Content
from bot.domain.messages import Messages
from bot.domain.models import Expert

Card = dict[str, Any]
Element = dict[str, Any]
Action = dict[str, Any]

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
MAX_ACTIONS_PER_SET = 6
NUMBERED_PER_ROW = 3  # short numbered buttons ('Vraag 1') per row: readable on a phone
BUTTON_TITLE_LIMIT = LABEL_LIMIT
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
    id_: str | None = None,
    visible: bool = True,
) -> Element:
    block: Element = {"type": "TextBlock", "text": value.strip(), "wrap": True}
    if id_:
        block["id"] = id_
    if not visible:
        block["isVisible"] = False
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


def first_sentence(value: str) -> tuple[str, str]:
    """The first sentence of a text and the rest ('' when there is no more)."""
    parts = re.split(r"(?<=[.!?])\s", " ".join(value.split()), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def with_more(
    messages: Messages, value: str, element_id: str, *, subtle_: bool = False
) -> list[Element]:
    """The first sentence, and the rest behind a 'Meer' button that shows it in full."""
    first, rest = first_sentence(value)
    spacing = "Small" if subtle_ else None
    if not rest:
        return [text(first, subtle=subtle_, spacing=spacing)]
    return [
        text(first, subtle=subtle_, spacing=spacing),
        text(rest, subtle=subtle_, spacing="Small", id_=element_id, visible=False),
        action_set([toggle(label(messages, "more"), [element_id])], spacing="Small"),
    ]


def as_sentence(value: str) -> str:
    """'contactgegevens volgen' -> 'Contactgegevens volgen.'"""
    value = value.strip()
    if not value:
        return value
    value = value[0].upper() + value[1:]
    return value if value[-1] in ".!?" else value + "."


# --- actions ----------------------------------------------------------------------------


def submit(title: str, payload: dict[str, Any], *, style: str | None = None) -> Action:
    """A button; `payload` comes from actions.data(). A title over the limit is cut, as a
    last resort: the card rules test makes sure none is."""
    action: Action = {"type": "Action.Submit", "title": shorten(title), "data": payload}
    if style:
        action["style"] = style
    return action


def command(title: str, typed: str) -> Action:
    """A button that does what typing `typed` does (a command, an answer, a question)."""
    return submit(title, data(Do.COMMAND, text=typed))


def show_action(title: str, entry_id: str) -> Action:
    return submit(title, data(Do.SHOW, id=entry_id))


def theme_action(title: str, theme_key: str) -> Action:
    return submit(title, data(Do.THEME, theme=theme_key))


def expert_action(title: str, code: str) -> Action:
    return submit(title, data(Do.EXPERT, code=code))


def feedback_actions(messages: Messages, entry_id: str) -> list[Action]:
    return [
        submit(label(messages, "helpful"), data(Do.FEEDBACK, id=entry_id, helpful=True)),
        submit(label(messages, "not_helpful"), data(Do.FEEDBACK, id=entry_id, helpful=False)),
    ]


def toggle(title: str, targets: list[str]) -> Action:
    return {"type": "Action.ToggleVisibility", "title": title, "targetElements": targets}


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


def numbered(
    messages: Messages,
    entries: Sequence[tuple[str, dict[str, Any]]],
    label_key: str,
    *,
    start: int = 1,
) -> list[Element]:
    """Long texts (questions, names) as a numbered list in the card, each with a short
    numbered button ('Vraag 2') below it: the full text stays readable, buttons fit a phone.

    `entries`: (text, button data) pairs; `label_key` a label with the placeholder number;
    `start` the first number (a list split under headings counts on).
    """
    if not entries:
        return []
    lines = [
        messages.say("numbered_line", number=number, text=" ".join(line.split()))
        for number, (line, _) in enumerate(entries, start)
    ]
    buttons = [
        submit(label(messages, label_key, number=number), payload)
        for number, (_, payload) in enumerate(entries, start)
    ]
    rows = [
        action_set(buttons[start : start + NUMBERED_PER_ROW], spacing="Small")
        for start in range(0, len(buttons), NUMBERED_PER_ROW)
    ]
    return [text("\r".join(lines)), *rows]


# --- feedback -----------------------------------------------------------------------------


def feedback_prompt(messages: Messages) -> Element:
    """The 'Had je hier iets aan?' line; its id lets a used card drop it (bot.cards.used)."""
    prompt = text(messages.say("feedback_prompt"), subtle=True, spacing="Medium", separator=True)
    return {**prompt, "id": "feedback"}


# --- expert teams -------------------------------------------------------------------------


def contact_elements(expert: Expert, content: Content) -> list[Element]:
    """How to reach a team: e-mail and website as buttons, phone as text.

    Shipped contact details are placeholders; then we say so instead of showing them.
    """
    contact = expert.contact
    messages = content.messages
    if contact.placeholder:
        return []  # said once per card: see placeholder_note
    lines: list[Element] = []
    if contact.team and contact.team != expert.name:
        lines.append(subtle(messages.say("team_line", team=contact.team)))
    if contact.phone:
        lines.append(subtle(messages.say("phone_line", phone=contact.phone)))
    buttons: list[Action] = []
    if contact.email and _is_email(contact.email):
        buttons.append(open_url(label(messages, "email"), f"mailto:{contact.email.strip()}"))
    elif contact.email:
        lines.append(subtle(contact.email))
    if contact.url and _is_web_url(contact.url):
        buttons.append(open_url(label(messages, "website"), contact.url.strip()))
    elif contact.url:
        lines.append(subtle(contact.url))
    return lines + button_row(buttons)


def placeholder_note(experts: Iterable[Expert], content: Content) -> list[Element]:
    """'Contactgegevens volgen nog...' once, when any of these teams has no real details."""
    if any(expert.contact.placeholder for expert in experts):
        return [subtle(as_sentence(content.messages.say("expert_contact_placeholder")))]
    return []


def expert_block(
    expert: Expert, content: Content, *, separator: bool = False, id_prefix: str = "team"
) -> Element:
    """A team in an answer: name, what it helps with (the rest behind 'Meer'), contact."""
    items = [
        text(expert.name, bold=True),
        *with_more(content.messages, expert.helps_with, f"{id_prefix}-{expert.code}-more"),
        *contact_elements(expert, content),
    ]
    container: Element = {"type": "Container", "items": items, "spacing": "Medium"}
    if separator:
        container["separator"] = True
    return container


def experts_section(codes: Iterable[str], content: Content) -> list[Element]:
    """'Neem contact op met' and a block per team, the main team first; the note about
    missing contact details once, at the end."""
    experts = [content.experts[code] for code in dict.fromkeys(codes)]
    blocks = [
        expert_block(expert, content, separator=index > 0) for index, expert in enumerate(experts)
    ]
    heading_ = heading(content.messages.say("answer_experts"), separator=True)
    return [heading_, *blocks, *placeholder_note(experts, content)]


def _is_email(value: str) -> bool:
    return re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip()) is not None


def _is_web_url(value: str) -> bool:
    return re.match(r"https?://\S+$", value.strip()) is not None
