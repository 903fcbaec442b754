"""Search from the compose box (a search-based messaging extension): pure functions, no I/O.

Teams sends a `composeExtension/query` invoke while the user types in the compose box; the
bot answers with a list of results, each a small preview (what the list shows) and the
Adaptive Card that is inserted into the message when the user picks it.

The inserted card goes to a chat the bot is usually not part of, so the card builders of
`bot.cards` are reused and then made shareable (bot/cards/shareable.py). What is left reads
on its own and stays small (all results together must stay under Teams' 28 KB).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.cards import answer_card, expert_card, theme_card
from bot.cards.common import Card, one_line
from bot.cards.shareable import shareable
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
    return SearchResult(title, subtitle, preview, shareable(card))


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
