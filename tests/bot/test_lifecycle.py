"""Teams lifecycle events replayed through /api/messages: where the bot can still post."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.lexicon import _load
from bot.domain.schedule import DigestPolicy
from bot.services import Services
from bot.teams.proactive import Pacing, ProactiveSender
from bot.web import SERVICES
from tests.bot.conftest import Teams, post, start_bot
from tests.bot.teams_payloads import (
    GROUP_CHAT_ID,
    OTHER_CHANNEL_ID,
    PAYLOADS,
    TEAM_ID,
    USER_AAD_ID,
    replay,
)

MONDAY_MORNING = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
FAST = Pacing(per_conversation_seconds=0, per_app_per_second=1000, base_backoff_seconds=0)
TEAM_KEY = f"conversation:{TEAM_ID}"
CHANNEL_KEY = f"conversation:{OTHER_CHANNEL_ID}"
PERSONAL_KEY = f"user:{USER_AAD_ID}"
GROUP_KEY = f"conversation:{GROUP_CHAT_ID}"


async def _active(client: Any, key: str) -> bool | None:
    found = await client.app[SERVICES].references.get(key)
    return None if found is None else found[1]


async def _replay(client: Any, connector: Any, name: str, **changes: Any) -> int:
    status = await post(client, replay(name, connector.url, **changes))
    assert 200 <= status < 300, f"{name}: {status}"
    return status


def _channel_message(connector: Any, text: str = "help") -> dict[str, Any]:
    """A message in another channel of the team, as a reply in a thread."""
    activity = replay("bot added to team", connector.url)
    del activity["membersAdded"]
    activity["channelData"].pop("eventType")
    activity["channelData"]["channel"] = {"id": OTHER_CHANNEL_ID}
    activity["conversation"]["id"] = f"{OTHER_CHANNEL_ID};messageid=1508179512050"
    activity.update(type="message", text=f"<at>Samenwerkwijzer</at> {text}", id="m-1")
    return activity


@pytest.mark.parametrize(
    ("added", "removed", "key"),
    [
        ("installed in personal chat", "bot removed from personal chat", PERSONAL_KEY),
        ("bot added to group chat", "bot removed from group chat", GROUP_KEY),
        ("bot added to team", "bot removed from team", TEAM_KEY),
    ],
    ids=["personal", "group chat", "team"],
)
@pytest.mark.parametrize("order", ["conversationUpdate first", "installationUpdate first"])
async def test_removing_the_bot_deactivates_in_either_order(
    bot, connector, added, removed, key, order
):
    await _replay(bot, connector, added)
    assert await _active(bot, key) is True
    uninstall = replay("uninstalled from personal chat", connector.url)
    removal = replay(removed, connector.url)
    uninstall.update(conversation=removal["conversation"], channelData=removal["channelData"])
    events = [removal, uninstall] if order == "conversationUpdate first" else [uninstall, removal]
    for event in events:
        assert await post(bot, event) in (200, 201)
        assert await _active(bot, key) is False
    connector.take()
    await _replay(bot, connector, added)  # re-installed: reachable again
    assert await _active(bot, key) is True


async def test_an_unchanged_reference_is_not_written_again_a_changed_one_is(
    bot, connector, monkeypatch
):
    references = bot.app[SERVICES].references
    saved: list[str] = []
    save = references.save

    async def counted(key: str, *args: Any, **kwargs: Any) -> None:
        saved.append(key)
        await save(key, *args, **kwargs)

    monkeypatch.setattr(references, "save", counted)
    teams = Teams(connector.url)
    for text in ("help", "experts", "privacy"):
        assert await post(bot, teams.message(text)) == 201
    assert saved == ["user:aad-anna"]
    assert await post(bot, teams.message("help", locale="en-US")) == 201
    assert saved == ["user:aad-anna"] * 2
    assert (await references.get("user:aad-anna"))[0]["locale"] == "en-US"


async def test_removed_from_the_team_no_digest_is_posted(settings, connector):
    digest = DigestPolicy(conversation_id=OTHER_CHANNEL_ID, weekday=0, hour=9)
    client = await start_bot(dataclasses.replace(settings, digest_policy=digest))
    try:
        await _replay(client, connector, "bot added to team")
        assert await post(client, _channel_message(connector)) == 201
        assert (await _active(client, TEAM_KEY), await _active(client, CHANNEL_KEY)) == (True, True)
        await _replay(client, connector, "bot removed from team")
        await _replay(client, connector, "member removed from team")  # later news: no change
        assert (await _active(client, TEAM_KEY), await _active(client, CHANNEL_KEY)) == (
            False,
            False,
        )
        connector.take()
        services: Services = client.app[SERVICES]
        runner = dataclasses.replace(
            services, proactive=ProactiveSender(services.adapter, "", FAST)
        ).reminder_runner()
        report = await runner.run(MONDAY_MORNING)
        assert (report.digest, connector.take(), connector.refused) == (False, [], [])
        await _replay(client, connector, "bot added to team")  # back: every channel again
        assert await _active(client, CHANNEL_KEY) is True
        report = await runner.run(MONDAY_MORNING)
        [posted] = connector.take()
        assert (report.digest, posted.conversation_id, posted.reply_to) == (
            True,
            OTHER_CHANNEL_ID,  # the channel, not the thread the last message was in
            None,
        )
    finally:
        await client.close()


async def test_uninstalled_personal_chat_gets_no_reminder_attempt(bot, connector):
    await _replay(bot, connector, "installed in personal chat")
    connector.take()
    services: Services = bot.app[SERVICES]
    await _replay(bot, connector, "uninstalled from personal chat")
    await _replay(bot, connector, "reaction added")  # a late reaction: still gone
    await _replay(bot, connector, "message edited")
    assert await services.references.personal(USER_AAD_ID) is None
    assert connector.take() == []


@pytest.mark.parametrize(
    ("gone", "back"),
    [("team deleted", "team restored"), ("team archived", "team unarchived")],
)
async def test_a_deleted_or_archived_team_is_unreachable_until_it_is_back(
    bot, connector, gone, back
):
    await _replay(bot, connector, "bot added to team")
    await post(bot, _channel_message(connector))
    connector.take()
    await _replay(bot, connector, gone)
    assert (await _active(bot, TEAM_KEY), await _active(bot, CHANNEL_KEY)) == (False, False)
    await _replay(bot, connector, "team renamed")  # does not prove the bot is back
    await _replay(bot, connector, "member added to team")
    assert (await _active(bot, TEAM_KEY), await _active(bot, CHANNEL_KEY)) == (False, False)
    await _replay(bot, connector, back)
    assert (await _active(bot, TEAM_KEY), await _active(bot, CHANNEL_KEY)) == (True, True)
    assert connector.take() == []


async def test_a_team_deleted_before_the_bot_saw_it_is_stored_inactive(bot, connector):
    await _replay(bot, connector, "team hard deleted")
    assert await _active(bot, TEAM_KEY) is None  # not stored, and certainly not active


async def test_a_deleted_channel_is_unreachable_until_restored(bot, connector):
    await _replay(bot, connector, "bot added to team")
    await post(bot, _channel_message(connector))
    await _replay(bot, connector, "channel deleted")
    assert (await _active(bot, TEAM_KEY), await _active(bot, CHANNEL_KEY)) == (True, False)
    await _replay(bot, connector, "channel restored")
    assert await _active(bot, CHANNEL_KEY) is True


@pytest.mark.parametrize(
    "name",
    [
        "member added to team",
        "member removed from team",
        "team renamed",
        "channel created",
        "channel renamed",
        "channel deleted",
        "reaction added",
        "message edited",
        "message deleted",
        "meeting started",
    ],
)
async def test_events_that_ask_nothing_get_2xx_and_silence(bot, connector, name):
    await _replay(bot, connector, name)
    assert connector.take() == []


async def test_a_file_sent_in_personal_chat_gets_an_answer_not_an_error(bot, connector):
    await _replay(bot, connector, "file sent in personal chat")
    [reply] = connector.take()
    assert "Sorry, er ging iets mis" not in (reply.activity.get("text") or "")


async def test_an_invoke_the_app_does_not_offer_gets_501(bot, connector):
    invoke = replay("reaction added", connector.url, type="invoke", name="task/fetch", value={})
    del invoke["reactionsAdded"]
    assert await post(bot, invoke) == 501


@pytest.mark.parametrize("name", [None, "", 7])
async def test_an_invoke_without_a_usable_name_gets_400(bot, connector, name):
    invoke = replay("reaction added", connector.url, type="invoke", value={})
    del invoke["reactionsAdded"]
    if name is not None:
        invoke["name"] = name
    response = await bot.post("/api/messages", json=invoke)
    assert response.status == 400
    assert "name" in (await response.json())["error"]


def test_every_payload_is_replayed_somewhere():
    replayed = {
        "installed in personal chat",
        "uninstalled from personal chat",
        "bot removed from personal chat",
        "bot added to group chat",
        "bot removed from group chat",
        "bot added to team",
        "bot removed from team",
        "team deleted",
        "team hard deleted",
        "team restored",
        "team archived",
        "team unarchived",
        "channel restored",
        "file sent in personal chat",
        "member added to team",
        "member removed from team",
        "team renamed",
        "channel created",
        "channel renamed",
        "channel deleted",
        "reaction added",
        "message edited",
        "message deleted",
        "meeting started",
    }
    assert set(PAYLOADS) == replayed


async def test_a_removal_naming_the_user_without_entra_id_still_reaches_the_reference(
    bot, connector
):
    await _replay(bot, connector, "installed in personal chat")  # stored under the Entra id
    removal = replay("bot removed from personal chat", connector.url)
    del removal["from"]["aadObjectId"]
    assert await post(bot, removal) == 201
    assert await _active(bot, PERSONAL_KEY) is False


async def test_the_word_lists_of_typo_repair_are_loaded_while_the_bot_starts(settings):
    _load.cache_clear()
    client = await start_bot(settings)
    try:
        await client.get("/healthz")  # started; the lists load beside it
    finally:
        await client.close()  # waits for the loading, which has then finished
    assert _load.cache_info().currsize == 1
