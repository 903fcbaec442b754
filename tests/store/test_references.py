from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.domain.register import Person
from bot.store.database import Database, open_database
from bot.store.references import ReferenceRepository, conversation_key, personal_key
from tests.store.backends import row_dicts

NOW = datetime(2027, 2, 1, 8, 0, tzinfo=UTC)


def _reference(conversation_id: str, user_id: str = "29:anna") -> dict[str, Any]:
    """A serialized `ConversationReference` as botbuilder's `serialize()` gives it."""
    return {
        "activityId": "1",
        "user": {"id": user_id, "name": "Anna de Vries", "aadObjectId": "aad-anna"},
        "bot": {"id": "28:bot", "name": "Samenwerkwijzer"},
        "conversation": {"id": conversation_id, "conversationType": "personal"},
        "channelId": "msteams",
        "serviceUrl": "https://smba.trafficmanager.net/emea/",
    }


@pytest.fixture
def references(db: Database) -> ReferenceRepository:
    return ReferenceRepository(db)


def test_keys_are_user_for_personal_chats_and_conversation_for_the_rest():
    assert personal_key("aad-anna") == "user:aad-anna"
    assert conversation_key("19:abc@thread.tacv2") == "conversation:19:abc@thread.tacv2"


async def test_people_named_finds_active_personal_chats_by_name_in_key_order(
    references: ReferenceRepository,
):
    for user_id, name in [("aad-z", "Anna Zwart"), ("aad-b", "Bert Jansen"), ("aad-a", "anna")]:
        reference = _reference(f"a:{user_id}") | {"user": {"id": "29:x", "name": name}}
        await references.save(personal_key(user_id), "personal", user_id, reference, NOW)
    await references.save(
        conversation_key("19:c"), "channel", None, _reference("19:c") | {"user": {}}, NOW
    )
    assert await references.people_named(" ANNA ") == [
        Person("aad-a", "anna"),
        Person("aad-z", "Anna Zwart"),
    ]
    await references.deactivate(personal_key("aad-a"), NOW)
    assert await references.people_named("anna") == [Person("aad-z", "Anna Zwart")]
    assert await references.people_named("samenwerkwijzer") == []  # the bot's name


async def test_a_personal_reference_is_saved_as_json_and_read_back_as_the_same_dict(
    references: ReferenceRepository, db: Database
):
    reference = _reference("a:1")
    await references.save("user:aad-anna", "personal", "aad-anna", reference, NOW)
    assert await references.personal("aad-anna") == reference
    assert await references.get("user:aad-anna") == (reference, True)
    [row] = await row_dicts(db, "conversation_references")
    assert row | {"reference": None} == {
        "key": "user:aad-anna",
        "kind": "personal",
        "user_id": "aad-anna",
        "reference": None,
        "active": 1,
        "updated_at": "2027-02-01T08:00:00.000000+00:00",
    }
    assert row["reference"].startswith('{"activityId": "1", "user": {"id": "29:anna"')


async def test_saving_again_replaces_the_reference_and_makes_it_active_again(
    references: ReferenceRepository, db: Database
):
    await references.save("user:aad-anna", "personal", "aad-anna", _reference("a:1"), NOW)
    await references.deactivate("user:aad-anna", NOW + timedelta(days=1))
    await references.save(
        "user:aad-anna", "personal", "aad-anna", _reference("a:2"), NOW + timedelta(days=2)
    )
    assert await references.get("user:aad-anna") == (_reference("a:2"), True)
    row = (await db.query("SELECT count(*), max(updated_at) FROM conversation_references"))[0]
    assert tuple(row) == (1, "2027-02-03T08:00:00.000000+00:00")


async def test_a_deactivated_personal_reference_is_kept_but_no_longer_used(
    references: ReferenceRepository, db: Database
):
    await references.save("user:aad-anna", "personal", "aad-anna", _reference("a:1"), NOW)
    await references.deactivate("user:aad-anna", NOW + timedelta(hours=1))
    assert await references.personal("aad-anna") is None
    assert await references.get("user:aad-anna") == (_reference("a:1"), False)
    assert await references.reachable(["aad-anna"]) == set()
    updated_at = (await db.query("SELECT updated_at FROM conversation_references"))[0][0]
    assert updated_at == "2027-02-01T09:00:00.000000+00:00"


async def test_deactivating_an_unknown_key_changes_nothing(
    references: ReferenceRepository, db: Database
):
    await references.deactivate("user:nobody", NOW)
    assert (await db.query("SELECT count(*) FROM conversation_references"))[0][0] == 0


async def test_a_channel_reference_is_found_by_its_key_and_not_as_anyones_personal_chat(
    references: ReferenceRepository,
):
    channel = _reference("19:team@thread.tacv2")
    await references.save("conversation:19:team@thread.tacv2", "channel", "aad-anna", channel, NOW)
    await references.save(
        "conversation:19:group@thread.v2", "groupChat", None, _reference("g"), NOW
    )
    assert await references.get("conversation:19:team@thread.tacv2") == (channel, True)
    assert await references.get("conversation:19:group@thread.v2") == (_reference("g"), True)
    assert await references.personal("aad-anna") is None
    assert await references.reachable(["aad-anna"]) == set()


async def test_unknown_keys_and_people_have_no_reference(references: ReferenceRepository):
    assert await references.get("user:nobody") is None
    assert await references.personal("nobody") is None


async def test_reachable_names_those_with_an_active_personal_reference(
    references: ReferenceRepository,
):
    for user_id in ("aad-anna", "aad-bert", "aad-carla"):
        await references.save(f"user:{user_id}", "personal", user_id, _reference(user_id), NOW)
    await references.deactivate("user:aad-bert", NOW)
    wanted = (user_id for user_id in ["aad-anna", "aad-bert", "aad-dirk", "aad-anna"])
    assert await references.reachable(wanted) == {"aad-anna"}
    assert await references.reachable([]) == set()


async def test_reachable_answers_for_more_people_than_one_query_may_name(
    references: ReferenceRepository,
):
    people = [f"aad-{number}" for number in range(1_200)]
    for user_id in people[::100]:
        await references.save(f"user:{user_id}", "personal", user_id, _reference(user_id), NOW)
    assert await references.reachable(people) == set(people[::100])


async def test_forget_user_deletes_only_their_personal_reference(
    references: ReferenceRepository, db: Database
):
    await references.save("user:aad-anna", "personal", "aad-anna", _reference("a:1"), NOW)
    await references.save("user:aad-bert", "personal", "aad-bert", _reference("a:2"), NOW)
    await references.save("conversation:19:team", "channel", "aad-anna", _reference("19:team"), NOW)
    assert await references.forget_user("aad-anna") == 1
    assert await references.get("user:aad-anna") is None
    assert await references.personal("aad-bert") == _reference("a:2")
    assert await references.get("conversation:19:team") == (_reference("19:team"), True)
    assert await references.forget_user("aad-anna") == 0
    with pytest.raises(ValueError, match="^user id must not be empty$"):
        await references.forget_user("")
    assert (await db.query("SELECT count(*) FROM conversation_references"))[0][0] == 2


@pytest.mark.parametrize(
    ("key", "kind", "user_id", "message"),
    [
        ("user:aad-anna", "meeting", "aad-anna", "^unknown conversation kind 'meeting'$"),
        ("user:aad-anna", "personal", None, "^a personal reference needs a user id and key"),
        ("user:aad-bert", "personal", "aad-anna", "^a personal reference needs a user id"),
        ("conversation:a:1", "personal", "aad-anna", "^a personal reference needs a user"),
        ("user:aad-anna", "channel", "aad-anna", "^a channel reference needs key 'conv"),
        ("conversation:", "groupChat", None, "^a groupChat reference needs key 'conv"),
    ],
)
async def test_a_reference_under_the_wrong_key_or_kind_is_refused(
    references: ReferenceRepository,
    db: Database,
    key: str,
    kind: str,
    user_id: str | None,
    message: str,
):
    with pytest.raises(ValueError, match=message):
        await references.save(key, kind, user_id, _reference("a:1"), NOW)
    assert (await db.query("SELECT count(*) FROM conversation_references"))[0][0] == 0


@pytest.mark.parametrize(
    ("reference", "error", "message"),
    [
        (["not", "a", "dict"], TypeError, "^a conversation reference must be a dict$"),
        ({"bad": math.nan}, ValueError, "Out of range float values"),
        ({"when": object()}, TypeError, "is not JSON serializable"),
    ],
)
async def test_a_reference_that_is_not_a_plain_json_dict_is_refused(
    references: ReferenceRepository,
    reference: Any,
    error: type[Exception],
    message: str,
):
    with pytest.raises(error, match=message):
        await references.save("user:aad-anna", "personal", "aad-anna", reference, NOW)
    assert await references.get("user:aad-anna") is None


async def test_a_naive_update_time_is_refused(references: ReferenceRepository):
    with pytest.raises(ValueError, match="^reference update time must be timezone-aware$"):
        await references.save("user:a", "personal", "a", {}, datetime(2027, 2, 1, 8, 0))


async def test_references_survive_a_restart(db_url: str):
    async with open_database(db_url) as db:
        await ReferenceRepository(db).save("user:a", "personal", "a", _reference("a:1"), NOW)
    async with open_database(db_url) as db:
        assert await ReferenceRepository(db).personal("a") == _reference("a:1")


async def test_saving_without_activate_keeps_a_deactivated_reference_inactive(
    references: ReferenceRepository,
):
    await references.save("user:aad-anna", "personal", "aad-anna", _reference("a:1"), NOW)
    await references.deactivate("user:aad-anna", NOW)
    await references.save(
        "user:aad-anna", "personal", "aad-anna", _reference("a:2"), NOW, activate=False
    )
    assert await references.get("user:aad-anna") == (_reference("a:2"), False)
    await references.save(
        "user:aad-bram", "personal", "aad-bram", _reference("a:3"), NOW, activate=False
    )
    assert await references.personal("aad-bram") == _reference("a:3")  # a new one is stored active


async def test_a_team_switches_its_channels_and_nothing_else(
    references: ReferenceRepository,
):
    general = {**_reference("19:team@thread.tacv2"), "teamId": "19:team@thread.tacv2"}
    other = {**_reference("19:other@thread.tacv2"), "teamId": "19:team@thread.tacv2"}
    elsewhere = {**_reference("19:x@thread.tacv2"), "teamId": "19:another-team@thread.tacv2"}
    for key, reference in (
        ("conversation:19:team@thread.tacv2", general),
        ("conversation:19:other@thread.tacv2", other),
        ("conversation:19:x@thread.tacv2", elsewhere),
    ):
        await references.save(key, "channel", None, reference, NOW)
    assert await references.set_team_active("19:team@thread.tacv2", False, NOW) == 2

    async def active(channel: str) -> bool | None:
        found = await references.get(f"conversation:{channel}@thread.tacv2")
        return None if found is None else found[1]

    assert [await active(c) for c in ("19:team", "19:other", "19:x")] == [False, False, True]
    assert await references.set_team_active("19:team@thread.tacv2", True, NOW) == 2
    assert await references.activate("conversation:19:x@thread.tacv2", NOW) == 0  # already active
