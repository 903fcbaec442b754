"""Search from the compose box (a search-based messaging extension): pure functions, no I/O.

Teams sends a `composeExtension/query` invoke while the user types in the compose box; the
bot answers with a list of results, each a small preview (what the list shows) and the
Adaptive Card that is inserted into the message when the user picks it.

The inserted card goes to a chat the bot is usually not part of, so it is made *shareable*:
the card builders of `bot.cards` are reused, then the parts that only make sense in a chat
with the bot are taken out (the feedback question, buttons that post a command as text) and
lists of buttons that open another question become plain text lists. What is left reads on
its own and stays small (all results together must stay under Teams' 28 KB).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.cards import answer_card, expert_card, theme_card
from bot.cards.common import Card, Element, one_line
from bot.domain.content import Content
from bot.domain.entries import Entry
from bot.domain.matcher import Matcher
from bot.domain.models import Framework, Theme

COMMAND_ID = "searchGuide"  # composeExtensions[0].commands[0].id in the manifest
QUERY_PARAMETER = "query"
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
THUMBNAIL_CARD = "application/vnd.microsoft.card.thumbnail"
MAX_RESPONSE_BYTES = 27_000  # Teams refuses result lists over 28 KB; keep a margin
RELATIVE_CUT = 0.1  # results scoring under this share of the best one are noise
PREVIEW_TEXT_LIMIT = 120


@dataclass(frozen=True)
class SearchResult:
    title: str
    subtitle: str
    preview: dict[str, Any]  # {"contentType": thumbnail card, "content": {...}}
    card: Card  # the Adaptive Card inserted into the message


def search(query: str, matcher: Matcher, content: Content, limit: int = 10) -> list[SearchResult]:
    """The themes for an empty query; otherwise what the matcher finds, best first.

    A question the matcher declines (out of scope) finds nothing.
    """
    if not query.strip():
        return [_theme_result(theme, content) for theme in content.themes[:limit]]
    result = matcher.match(query, limit=limit, as_typed=True)
    if result.decision == "out_of_scope" or not result.matches:
        return []
    floor = result.matches[0].score * RELATIVE_CUT
    return [_entry_result(match.entry, content) for match in result.matches if match.score >= floor]


def messaging_extension_response(results: Iterable[SearchResult]) -> dict[str, Any]:
    """The JSON body Teams expects in answer to a `composeExtension/query` invoke.

    Results are dropped from the end when the whole body would exceed MAX_RESPONSE_BYTES.
    """
    attachments: list[dict[str, Any]] = []
    size = len(_encoded(_body(attachments)))
    for result in results:
        attachment = {
            "contentType": ADAPTIVE_CARD,
            "content": result.card,
            "preview": result.preview,
        }
        extra = len(_encoded(attachment)) + (2 if attachments else 0)  # ", " between items
        if size + extra > MAX_RESPONSE_BYTES:
            break
        attachments.append(attachment)
        size += extra
    return _body(attachments)


def query_text(value: Mapping[str, Any] | None) -> str:
    """The typed text from a `composeExtension/query` invoke value ('' when Teams opens the
    search with `initialRun`, or when the value has an unexpected shape)."""
    if not isinstance(value, Mapping):
        return ""
    parameters = value.get("parameters")
    if not isinstance(parameters, list):
        return ""
    for parameter in parameters:
        if isinstance(parameter, Mapping) and parameter.get("name") == QUERY_PARAMETER:
            text = parameter.get("value")
            return text.strip() if isinstance(text, str) else ""
    return ""


def query_skip(value: Mapping[str, Any] | None) -> int:
    """How many results Teams already has (it asks for more when the user scrolls down).

    `search` returns everything at once, so a request with skip > 0 should get no results.
    """
    options = value.get("queryOptions") if isinstance(value, Mapping) else None
    skip = options.get("skip") if isinstance(options, Mapping) else None
    return skip if isinstance(skip, int) and skip > 0 else 0


# --- results ------------------------------------------------------------------------------


def _theme_result(theme: Theme, content: Content) -> SearchResult:
    subtitle = content.messages.count("search_theme", len(theme.items))
    return _result(theme.title, subtitle, theme.why, theme_card(theme, content), content)


def _entry_result(entry: Entry, content: Content) -> SearchResult:
    if entry.kind == "checklist":
        item = content.items[entry.id]
        theme = content.theme_of_item[entry.id]
        subtitle = content.messages.say("answer_theme_line", theme=theme.title)
        return _result(
            item.question, subtitle, item.explanation, answer_card(entry, content), content
        )
    if entry.kind == "expert":
        expert = content.experts[entry.id]
        card = expert_card(expert, content)
        return _result(
            expert.name, content.messages.say("search_expert"), expert.helps_with, card, content
        )
    framework = next(f for f in content.frameworks if entry.id in _framework_ids(f))
    if entry.id == framework.id:
        subtitle, summary = content.messages.say("search_framework"), framework.summary
    else:
        section = next(s for s in framework.sections if s.id == entry.id)
        origin = content.messages.say("answer_from_framework", framework=framework.title)
        subtitle, summary = origin[:1].upper() + origin[1:], section.summary
    return _result(entry.title, subtitle, summary, answer_card(entry, content), content)


def _framework_ids(framework: Framework) -> set[str]:
    return {framework.id, *(section.id for section in framework.sections)}


def _result(title: str, subtitle: str, summary: str, card: Card, content: Content) -> SearchResult:
    preview = {
        "contentType": THUMBNAIL_CARD,
        "content": {
            "title": title,
            "subtitle": subtitle,
            "text": one_line(summary, PREVIEW_TEXT_LIMIT),
        },
    }
    return SearchResult(title, subtitle, preview, shareable(card, content))


def _body(attachments: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "composeExtension": {
            "type": "result",
            "attachmentLayout": "list",
            "attachments": attachments,
        }
    }


def _encoded(value: Any) -> bytes:
    """As the HTTP layer sends it (aiohttp's json_response: ASCII escapes, ', ' separators)."""
    return json.dumps(value).encode()


# --- making a card shareable ----------------------------------------------------------------

_NUMBER = re.compile(r"^(\d+)\.\s")


def shareable(card: Card, content: Content) -> Card:
    """A copy of `card` fit to insert into any chat (see the module docstring)."""
    result = dict(card)
    result["body"] = _shareable_elements(card.get("body", []), content)
    result["actions"] = [action for action in card.get("actions", []) if _keeps(action)]
    return result


def _shareable_elements(elements: Iterable[Element], content: Content) -> list[Element]:
    out: list[Element] = []
    lines: list[str] = []  # of a run of buttons that open another question

    def flush() -> None:
        if lines:
            out.append(_text_list(lines))
            lines.clear()

    for element in elements:
        kind = element.get("type")
        if kind == "TextBlock" and element.get("text") == content.messages.say("feedback_prompt"):
            continue
        if kind == "ActionSet":
            listed = _listed(element, content)
            if listed is not None:
                lines.extend(listed)
                continue
            actions = [action for action in element.get("actions", []) if _keeps(action)]
            if not actions:
                continue
            element = {**element, "actions": actions}
        elif kind == "Container":
            element = {**element, "items": _shareable_elements(element.get("items", []), content)}
        flush()
        out.append(element)
    flush()
    return out


def _listed(action_set: Element, content: Content) -> list[str] | None:
    """List lines when an ActionSet only opens other questions (also when folded behind a
    ShowCard); None when it does something else."""
    actions = action_set.get("actions", [])
    if len(actions) == 1 and actions[0].get("type") == "Action.ShowCard":
        inner = actions[0].get("card", {}).get("body", [])
        parts = [_listed(element, content) for element in inner]
        if inner and all(part is not None for part in parts):
            return [line for part in parts if part is not None for line in part]
        return None
    if actions and all(_opens_entry(action) for action in actions):
        return []  # the card lists these in full already; its short buttons go
    return None


def _line(action: dict[str, Any], content: Content) -> str:
    """'- question' in full (button titles are cut short), or '3. question' in a numbered list."""
    title = str(action.get("title", ""))
    full = _entry_titles(content).get(str(action["data"].get("id", "")), title)
    number = _NUMBER.match(title)
    return f"{number.group(1)}. {full}" if number else f"- {full}"


def _entry_titles(content: Content) -> dict[str, str]:
    titles = {item_id: item.question for item_id, item in content.items.items()}
    for framework in content.frameworks:
        titles[framework.id] = framework.title
        titles.update((section.id, section.title) for section in framework.sections)
    return titles


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


def _text_list(lines: list[str]) -> Element:
    return {"type": "TextBlock", "text": "\r".join(lines), "wrap": True, "spacing": "Small"}
