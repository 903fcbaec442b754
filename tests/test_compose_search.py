from __future__ import annotations

import json
from typing import Any

import pytest

from bot.conversation.search import (
    ADAPTIVE_CARD,
    MAX_RESPONSE_BYTES,
    THUMBNAIL_CARD,
    SearchResult,
    messaging_extension_response,
    query_skip,
    query_text,
    search,
)
from bot.domain.content import Content, load_content
from bot.domain.matcher import Matcher
from tests.cards.inspect_card import ELEMENT_TYPES, actions, nodes, payloads

TEAMS_LIMIT = 28 * 1024
QUERIES = [
    "",
    "staatssteun",
    "privacy",
    "juridisch",
    "geld",
    "personeel detacheren",
    "lobby",
    "communicatie",
    "waarderingskader",
    "principes regionale samenwerking",
    "wie is accounthouder",
]
BOT_CARD_ACTIONS = {"show", "theme", "expert"}  # what the bot answers from any conversation


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="module")
def matcher(content) -> Matcher:
    return Matcher(content)


def size(body: dict[str, Any]) -> int:
    """As aiohttp sends it, and as the most compact UTF-8 JSON: both must fit."""
    return max(
        len(json.dumps(body).encode()),
        len(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()),
    )


def card_text(card: dict[str, Any]) -> str:
    return "\n".join(node.get("text", "") for node in nodes(card) if node["type"] == "TextBlock")


# --- what it finds ----------------------------------------------------------------------------


def test_staatssteun_finds_the_state_aid_question_first(content, matcher):
    results = search("staatssteun", matcher, content)

    first = results[0]
    assert first.title == "Is er sprake van staatssteun?"
    assert first.subtitle == "Thema: Juridisch"
    item = content.items["jur-2"]
    text = card_text(first.card)
    assert "Is er sprake van staatssteun?" in text
    assert item.explanation in text
    assert content.experts["JUR"].name in text  # the team to contact


def test_an_empty_query_lists_the_eight_themes_in_order(content, matcher):
    results = search("", matcher, content)

    assert [result.title for result in results] == [theme.title for theme in content.themes]
    assert len(results) == 8
    for result, theme in zip(results, content.themes, strict=True):
        assert result.subtitle == f"Thema · {len(theme.items)} vragen"
        assert result.card["body"][0]["text"] == theme.title
        text = card_text(result.card)
        for item in theme.items:
            assert item.question in text  # every checklist question, in full


def test_a_blank_query_also_lists_the_themes(content, matcher):
    assert [r.title for r in search("   ", matcher, content)] == [t.title for t in content.themes]


def test_an_out_of_scope_question_finds_nothing(content, matcher):
    assert search("wat eten we vandaag", matcher, content) == []
    assert messaging_extension_response([]) == {
        "composeExtension": {"type": "result", "attachmentLayout": "list", "attachments": []}
    }


def test_an_expert_team_can_be_found_and_inserts_its_card(content, matcher):
    results = search("juridische zaken", matcher, content)

    team = next(result for result in results if result.subtitle == "Expertteam")
    assert team.title == content.experts["JUR"].name
    assert content.experts["JUR"].when in card_text(team.card)


def test_a_framework_section_says_where_it_comes_from(content, matcher):
    results = search("waarderingskader", matcher, content)

    assert results[0].title.startswith("Waarderingskader")
    assert results[0].subtitle == "Kader"
    sections = [r for r in search("principes regionale samenwerking", matcher, content)]
    assert any(r.subtitle.startswith("Uit Principes") for r in sections)


def test_results_are_limited_and_weak_matches_left_out(content, matcher):
    assert len(search("geld", matcher, content, limit=3)) == 3
    titles = [r.title for r in search("staatssteun", matcher, content)]
    assert len(titles) < 10  # not ten barely related questions


# --- the cards it inserts ---------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_inserted_cards_read_on_their_own_and_only_use_the_bots_normal_actions(
    content, matcher, query
):
    for result in search(query, matcher, content):
        card = result.card
        assert card["type"] == "AdaptiveCard"
        assert card["version"] == "1.5"
        assert content.messages.say("feedback_prompt") not in card_text(card)
        assert {n["type"] for n in nodes(card)} - {"AdaptiveCard"} <= ELEMENT_TYPES | {
            "Action.Submit",
            "Action.OpenUrl",
            "Action.ToggleVisibility",
        }
        for data in payloads(card):
            assert "msteams" not in data  # no imBack: it would post into the colleague's chat
            assert data["action"] in BOT_CARD_ACTIONS
        assert all(action.get("title") for action in actions(card))


def test_related_questions_stay_a_full_numbered_text_list_without_their_buttons(content, matcher):
    (result,) = [r for r in search("staatssteun", matcher, content) if r.title.endswith("?")][:1]

    text = card_text(result.card)
    for number, related in enumerate(content.items["jur-2"].related, 1):
        assert f"{number}. {content.items[related].question}" in text
    assert payloads(result.card, "show") == []
    assert payloads(result.card, "theme") == [{"action": "theme", "theme": "juridisch"}]


def test_the_preview_is_a_small_thumbnail_card(content, matcher):
    for result in search("privacy", matcher, content):
        assert result.preview["contentType"] == THUMBNAIL_CARD
        preview = result.preview["content"]
        assert preview["title"] == result.title
        assert preview["subtitle"] == result.subtitle
        assert 0 < len(preview["text"]) <= 120


# --- the response -----------------------------------------------------------------------------


def test_the_response_has_exactly_the_shape_teams_expects(content, matcher):
    results = search("staatssteun", matcher, content)

    body = messaging_extension_response(results)

    assert body == {
        "composeExtension": {
            "type": "result",
            "attachmentLayout": "list",
            "attachments": [
                {"contentType": ADAPTIVE_CARD, "content": r.card, "preview": r.preview}
                for r in results
            ],
        }
    }
    assert ADAPTIVE_CARD == "application/vnd.microsoft.card.adaptive"


@pytest.mark.parametrize("query", QUERIES)
def test_the_response_stays_under_28_kb(content, matcher, query):
    results = search(query, matcher, content)

    body = messaging_extension_response(results)

    assert size(body) < TEAMS_LIMIT
    assert len(body["composeExtension"]["attachments"]) >= min(len(results), 7)


def test_the_empty_query_response_holds_all_eight_themes(content, matcher):
    body = messaging_extension_response(search("", matcher, content))

    assert len(body["composeExtension"]["attachments"]) == 8
    assert size(body) < TEAMS_LIMIT


def test_too_many_results_are_cut_from_the_end_to_stay_under_the_limit(content, matcher):
    results = search("geld", matcher, content)
    many = [
        SearchResult(f"{r.title} {n}", r.subtitle, r.preview, r.card)
        for n in range(5)
        for r in results
    ]

    body = messaging_extension_response(many)

    attachments = body["composeExtension"]["attachments"]
    assert 0 < len(attachments) < len(many)
    assert [a["preview"] for a in attachments] == [r.preview for r in many[: len(attachments)]]
    assert len(json.dumps(body).encode()) <= MAX_RESPONSE_BYTES


# --- reading the invoke -----------------------------------------------------------------------


def test_query_text_reads_the_query_parameter():
    value = {
        "commandId": "searchGuide",
        "parameters": [{"name": "query", "value": "  staatssteun "}],
        "queryOptions": {"skip": 0, "count": 25},
    }

    assert query_text(value) == "staatssteun"
    assert query_skip(value) == 0


def test_query_text_is_empty_on_the_initial_run_and_for_odd_shapes():
    assert query_text({"parameters": [{"name": "initialRun", "value": "true"}]}) == ""
    assert query_text({"parameters": "query"}) == ""
    assert query_text({"parameters": [{"name": "query", "value": 3}]}) == ""
    assert query_text(None) == ""


def test_query_skip_says_when_teams_asks_for_a_next_page():
    assert query_skip({"queryOptions": {"skip": 25, "count": 25}}) == 25
    assert query_skip({"queryOptions": {"skip": "x"}}) == 0
    assert query_skip({}) == 0


def test_half_typed_words_find_their_questions(matcher, content):
    [first, *_] = search("staats", matcher, content)
    assert first.title == "Is er sprake van staatssteun?"
