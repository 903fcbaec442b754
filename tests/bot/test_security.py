"""Bad requests are refused cleanly, before the bot sees them; nothing leaks into logs."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest

from tests.bot.conftest import TENANT, Teams, post, start_bot


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"{not json", "application/json", "body is not valid JSON"),
        (b"\xff\xfe\x00", "application/json", "body is not UTF-8"),
        (b"", "application/json", "body is not valid JSON"),
        (b"[1, 2]", "application/json", "body must be a JSON object"),
        (b'{"type": 5}', "application/json", "activity needs a string 'type'"),
        (b'{"type": "message"}', "text/plain", "expected Content-Type application/json"),
    ],
)
async def test_malformed_requests_get_400_with_a_reason(bot, body, content_type, reason):
    response = await bot.post("/api/messages", data=body, headers={"Content-Type": content_type})
    assert response.status == 400
    assert (await response.json())["error"].startswith(reason)


async def test_activity_missing_its_conversation_gets_400(bot, connector):
    activity = Teams(connector.url).message("hallo")
    del activity["conversation"]
    response = await bot.post("/api/messages", json=activity)
    assert (response.status, await response.json()) == (
        400,
        {"error": "activity needs 'conversation' with a string 'id'"},
    )
    assert connector.sent == []


async def test_wrongly_typed_text_gets_400(bot, connector):
    activity = Teams(connector.url).message("hallo")
    activity["text"] = {"nested": True}
    assert await post(bot, activity) == 400


async def test_too_large_body_is_refused(bot, connector):
    activity = Teams(connector.url).message("x" * 300_000)
    assert await post(bot, activity) == 413


async def test_without_auth_a_non_loopback_service_url_is_refused(bot, connector):
    activity = Teams("https://smba.trafficmanager.net/emea/").message("staatssteun")
    response = await bot.post("/api/messages", json=activity)
    assert response.status == 400
    assert "loopback" in (await response.json())["error"]


async def test_with_an_app_id_a_request_without_token_gets_401(settings, connector):
    secured = replace(settings, app_id="app-id-123", app_password="secret", app_tenant_id=TENANT)
    client = await start_bot(secured)
    try:
        activity = Teams(connector.url).message("staatssteun")
        assert await post(client, activity) == 401
        assert await post(client, activity, Authorization="Basic Zm9vOmJhcg==") == 401
        assert connector.sent == []
    finally:
        await client.close()


async def test_other_tenants_are_refused_and_logged_when_a_tenant_list_is_set(
    settings, connector, caplog
):
    client = await start_bot(replace(settings, allowed_tenant_ids=frozenset({"other-tenant"})))
    try:
        with caplog.at_level(logging.WARNING, logger="bot.web"):
            assert await post(client, Teams(connector.url).message("staatssteun")) == 403
        assert connector.sent == []
        [record] = [r for r in caplog.records if r.name == "bot.web"]
        assert record.tenant == TENANT
    finally:
        await client.close()


async def test_allowed_tenant_is_served(settings, connector):
    client = await start_bot(replace(settings, allowed_tenant_ids=frozenset({TENANT})))
    try:
        assert await post(client, Teams(connector.url).message("staatssteun")) == 201
        assert len(connector.messages()) == 1
    finally:
        await client.close()


async def test_message_text_is_not_logged_by_default(bot, connector, caplog):
    secret = "vertrouwelijke-vraag-over-staatssteun-xyz"
    with caplog.at_level(logging.INFO):  # the default LOG_LEVEL
        await post(bot, Teams(connector.url).message(secret))
    assert any(record.name == "bot.conversation.questions" for record in caplog.records)
    for record in caplog.records:
        assert secret not in record.getMessage()
        assert secret not in str(vars(record))


async def test_health_and_readiness(bot):
    assert (await (await bot.get("/healthz")).json()) == {"status": "ok"}
    ready = await bot.get("/readyz")
    assert ready.status == 200
    assert await ready.json() == {"status": "ok", "checks": {"content": True, "database": True}}


@pytest.mark.parametrize(
    ("field", "raw", "reason"),
    [
        ("timestamp", '"gisteren"', "activity field 'timestamp' must be an ISO 8601 date"),
        ("timestamp", "1700000000", "activity field 'timestamp' must be an ISO 8601 date"),
        ("membersAdded", '"Anna"', "activity field 'membersAdded' must be a list"),
        ("membersAdded", "[1, 2]", "activity field 'membersAdded[0]' must be an object"),
        ("attachments", '{"contentType": "x"}', "activity field 'attachments' must be a list"),
        ("entities", "[1, 2]", "activity field 'entities[0]' must be an object"),
        ("value", "[" * 5000 + "]" * 5000, "body is nested deeper than 32 levels"),
        ("value", "9" * 5000, "body has a number longer than 20 digits"),
        ("suggestedActions", "[]", "activity field 'suggestedActions' must be an object"),
        ("semanticAction", '"go"', "activity field 'semanticAction' must be an object"),
        ("reactionsAdded", '{"type": "like"}', "activity field 'reactionsAdded' must be a list"),
        ("channelData", '{"tenant": "t"}', "activity field 'channelData.tenant' must be an object"),
        ("value", "NaN", "body has NaN, which is not JSON"),
        ("text", '"hallo\\u0000"', "body contains a NUL character"),
    ],
)
async def test_fields_botbuilder_cannot_read_get_400_naming_the_field(
    bot, connector, field, raw, reason
):
    activity = Teams(connector.url).message("hallo")
    activity[field] = "__raw__"
    body = json.dumps(activity).replace('"__raw__"', raw).encode()
    response = await bot.post(
        "/api/messages", data=body, headers={"Content-Type": "application/json"}
    )
    assert (response.status, (await response.json())["error"][: len(reason)]) == (400, reason)
    assert connector.sent == []


async def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(bot, connector):
    response = await bot.post("/api/messages", json=Teams(connector.url).message("a\\u0000 b"))
    assert response.status == 201


async def test_an_invoke_value_botbuilder_reads_as_a_model_is_checked_too(bot, connector):
    invoke = Teams(connector.url).activity("invoke", name="composeExtension/query", value="x")
    response = await bot.post("/api/messages", json=invoke)
    assert (response.status, await response.json()) == (
        400,
        {"error": "the value of a 'composeExtension/query' invoke must be an object"},
    )
