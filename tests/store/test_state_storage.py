from __future__ import annotations

import copy
import math

import pytest
from botbuilder.core import ConversationState, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount

from bot.store.database import Database, open_database
from bot.store.state_storage import SqlStateStorage


async def _stored(db: Database) -> dict[str, str]:
    return {row["key"]: row["data"] for row in await db.query("SELECT key, data FROM state")}


async def test_reading_missing_keys_or_no_keys_returns_an_empty_dict(db: Database):
    storage = SqlStateStorage(db)
    assert await storage.read(["nope"]) == {}
    assert await storage.read([]) == {}


async def test_write_then_read_returns_the_dict_with_its_current_etag(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"name": "Anna", "steps": [1, 2], "nested": {"ok": True}}})
    etag = (await db.query("SELECT etag FROM state WHERE key = 'a'"))[0][0]
    assert await storage.read(["a", "missing"]) == {
        "a": {"name": "Anna", "steps": [1, 2], "nested": {"ok": True}, "e_tag": etag}
    }
    assert await _stored(db) == {"a": '{"name": "Anna", "steps": [1, 2], "nested": {"ok": true}}'}


async def test_every_write_gets_a_new_etag(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"n": 1}})
    first = (await storage.read(["a"]))["a"]
    await storage.write({"a": first})
    second = (await storage.read(["a"]))["a"]
    assert isinstance(first, dict) and isinstance(second, dict)
    assert first["e_tag"] != second["e_tag"]


async def test_writing_with_a_stale_etag_raises_and_keeps_the_stored_value(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"n": 1}})
    read = (await storage.read(["a"]))["a"]
    assert isinstance(read, dict)
    await storage.write({"a": {**read, "n": 2}})
    with pytest.raises(KeyError, match="etag conflict"):
        await storage.write({"a": {**read, "n": 3}})
    assert await _stored(db) == {"a": '{"n": 2}'}


async def test_writing_with_an_etag_for_a_deleted_key_is_a_conflict(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"n": 1}})
    read = (await storage.read(["a"]))["a"]
    assert isinstance(read, dict)
    await storage.delete(["a"])
    with pytest.raises(KeyError, match="etag conflict"):
        await storage.write({"a": read})
    assert await _stored(db) == {}


@pytest.mark.parametrize("change", [{"n": 2}, {"n": 2, "e_tag": "*"}, {"n": 2, "e_tag": None}])
async def test_a_star_none_or_missing_etag_overwrites(db: Database, change: dict[str, object]):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"n": 1}})
    await storage.write({"a": change})
    assert await _stored(db) == {"a": '{"n": 2}'}


async def test_one_conflicting_key_in_a_batch_writes_nothing_of_the_batch(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"n": 1}, "b": {"n": 1}})
    await storage.write({"b": {"n": 2}})
    with pytest.raises(KeyError, match="etag conflict"):
        await storage.write(
            {"a": {"n": 9}, "new": {"n": 9}, "b": {"n": 9, "e_tag": "stale"}, "c": {"n": 9}}
        )
    assert await _stored(db) == {"a": '{"n": 1}', "b": '{"n": 2}'}


@pytest.mark.parametrize(
    "value", [{"when": object()}, {"x": math.nan}, {"s": {1, 2}}, {("a", "b"): 1}]
)
async def test_a_value_that_is_not_plain_json_raises_type_error_naming_the_key(
    db: Database, value: dict[object, object]
):
    storage = SqlStateStorage(db)
    with pytest.raises(TypeError, match=r"^state for 'conv/1' is not plain JSON: "):
        await storage.write({"ok": {"n": 1}, "conv/1": value})
    assert await _stored(db) == {}


async def test_a_value_that_is_not_a_dict_raises_type_error_naming_the_key(db: Database):
    storage = SqlStateStorage(db)
    with pytest.raises(TypeError, match=r"^state for 'a' must be a dict$"):
        await storage.write({"a": ["not", "a", "dict"]})


async def test_text_is_stored_as_readable_unicode(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"naam": "Zoë"}})
    assert await _stored(db) == {"a": '{"naam": "Zoë"}'}


async def test_write_does_not_mutate_the_callers_dict(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"n": 1}})
    read = (await storage.read(["a"]))["a"]
    assert isinstance(read, dict)
    change = {**read, "n": 2, "inner": {"x": [1]}}
    before = copy.deepcopy(change)
    await storage.write({"a": change})
    assert change == before


async def test_delete_removes_the_keys_and_ignores_unknown_ones(db: Database):
    storage = SqlStateStorage(db)
    await storage.write({"a": {"n": 1}, "b": {"n": 2}})
    await storage.delete(["a", "unknown"])
    await storage.delete([])
    assert await _stored(db) == {"b": '{"n": 2}'}


async def test_state_survives_a_restart(db_url: str):
    async with open_database(db_url) as db:
        await SqlStateStorage(db).write({"a": {"n": 1}})
    async with open_database(db_url) as db:
        read = await SqlStateStorage(db).read(["a"])
    assert list(read) == ["a"]
    assert isinstance(read["a"], dict)
    assert read["a"]["n"] == 1


async def test_two_instances_on_one_file_refuse_the_second_stale_write(db_url: str):
    async with open_database(db_url) as first_db, open_database(db_url) as second_db:
        first, second = SqlStateStorage(first_db), SqlStateStorage(second_db)
        await first.write({"a": {"n": 0}})
        seen_by_first = (await first.read(["a"]))["a"]
        seen_by_second = (await second.read(["a"]))["a"]
        assert isinstance(seen_by_first, dict) and isinstance(seen_by_second, dict)
        await first.write({"a": {**seen_by_first, "n": 1}})
        with pytest.raises(KeyError, match="etag conflict"):
            await second.write({"a": {**seen_by_second, "n": 2}})
        assert await _stored(second_db) == {"a": '{"n": 1}'}


def _turn(adapter: TestAdapter) -> TurnContext:
    return TurnContext(
        adapter,
        Activity(
            type=ActivityTypes.message,
            text="hallo",
            channel_id="msteams",
            service_url="http://127.0.0.1:9/",
            conversation=ConversationAccount(id="conv-1"),
            from_property=ChannelAccount(id="user-1"),
            recipient=ChannelAccount(id="bot"),
        ),
    )


async def test_conversation_state_is_saved_and_loaded_again_after_a_restart(db_url: str):
    adapter = TestAdapter()
    async with open_database(db_url) as db:
        state = ConversationState(SqlStateStorage(db))
        turn = _turn(adapter)
        await state.create_property("intake").set(turn, {"theme": "juridisch", "step": 2})
        await state.save_changes(turn)

    async with open_database(db_url) as db:
        state = ConversationState(SqlStateStorage(db))
        turn = _turn(adapter)
        assert await state.create_property("intake").get(turn) == {
            "theme": "juridisch",
            "step": 2,
        }
        assert await _stored(db) == {
            "msteams/conversations/conv-1": '{"intake": {"theme": "juridisch", "step": 2}}'
        }
