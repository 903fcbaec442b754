"""A seeded fuzz campaign through /api/messages: malformed activities never cost a 5xx or a
timeout, whatever field is wrong.

Each input starts from a valid activity (a message, a card click, the recorded Teams
payloads) and breaks it one way: a field of botbuilder's models set to a value of another
type, a required field removed, a value nested 5,000 deep or a number of 5,000 digits, the
type changed, the body cut short. The serviceUrl is never changed: every input is addressed
to the local connector stand-in.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections import Counter
from typing import Any

from bot.conversation.search import COMMAND_ID
from bot.teams.activity_checks import _fields
from tests.bot.conftest import Teams
from tests.bot.teams_payloads import PAYLOADS, replay

SEED = 20261201
INPUTS = 1000
TEAMS_SECONDS = 15.0  # Teams gives up on a bot that answers later
_RAW = "__raw__"
DEEP = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"a":' * 5000 + "1" + "}" * 5000
HUGE = "9" * 5000
WRONG: list[Any] = [
    "gisteren",
    "",
    0,
    -1,
    3.5,
    True,
    False,
    [],
    [1, 2, 3],
    ["a", None],
    {},
    {"id": 5},
    [{"id": 5}],
    {"nested": {"deeper": [1, {"x": None}]}},
    "x" * 2000,
    "2026-13-45T25:61:00Z",
    "\u0000\ud7ff\u2028",
]
TYPES = [
    "invoke",
    "event",
    "messageReaction",
    "conversationUpdate",
    "installationUpdate",
    "typing",
    "endOfConversation",
    "messageUpdate",
    "messageDelete",
    "trace",
    "handoff",
    "somethingNew",
    "",
]


def _bases(service_url: str) -> list[dict[str, Any]]:
    teams = Teams(service_url)
    teams.conversation_id = "a:fuzz-personal"
    channel = Teams(service_url, conversation_type="channel")
    channel.conversation_id = "19:fuzz@thread.tacv2"
    bases = [
        teams.message("staatssteun bij een subsidie?"),
        teams.message("intake juridisch"),
        teams.click({"action": "intake_start", "theme": "juridisch", "mode": "steps"}),
        teams.bot_added(),
        channel.message("<at>Samenwerkwijzer</at> help"),
        teams.activity(
            "invoke",
            name="composeExtension/query",
            value={"commandId": COMMAND_ID, "parameters": [{"name": "query", "value": "staat"}]},
        ),
        *(replay(name, service_url) for name in sorted(PAYLOADS)),
    ]
    for number, base in enumerate(bases):
        base["id"] = f"fuzz-{number}"  # the same bytes for the same seed
    return bases


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the activity that holds a value."""
    found = []
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return []
    for key, value in items:
        if prefix == () and key == "serviceUrl":
            continue
        found.append((*prefix, key))
        found += _paths(value, (*prefix, key))
    return found


def _set(node: Any, path: tuple[Any, ...], value: Any, delete: bool = False) -> None:
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value


def _wrong_value(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.08:
        return _RAW + rng.choice(["deep", "deep object", "huge", "-huge", "huge float"])
    return rng.choice(WRONG)


def _encode(activity: dict[str, Any]) -> bytes:
    text = json.dumps(activity)
    raws = {
        f'"{_RAW}deep"': DEEP,
        f'"{_RAW}deep object"': DEEP_OBJECT,
        f'"{_RAW}huge"': HUGE,
        f'"{_RAW}-huge"': "-" + HUGE,
        f'"{_RAW}huge float"': HUGE + ".5e3",
    }
    for placeholder, raw in raws.items():
        text = text.replace(placeholder, raw)
    return text.encode()


def campaign(service_url: str, seed: int = SEED, count: int = INPUTS) -> list[tuple[str, bytes]]:
    """(what was broken, body) for `count` inputs, the same for the same seed."""
    rng = random.Random(seed)
    bases = _bases(service_url)
    activity_fields = [key for key, _ in _fields("Activity") if key != "serviceUrl"]
    inputs = []
    for _ in range(count):
        activity = json.loads(json.dumps(rng.choice(bases)))
        roll = rng.random()
        if roll < 0.45:  # a value somewhere in the activity of the wrong type
            path = rng.choice(_paths(activity))
            value = _wrong_value(rng)
            _set(activity, path, value)
            label = f"{'.'.join(map(str, path))} = {str(value)[:30]}"
        elif roll < 0.70:  # a field botbuilder knows, present with the wrong type
            field = rng.choice(activity_fields)
            value = _wrong_value(rng)
            activity[field] = value
            label = f"{field} = {str(value)[:30]}"
        elif roll < 0.80:  # something removed
            path = rng.choice(_paths(activity))
            _set(activity, path, None, delete=True)
            label = f"without {'.'.join(map(str, path))}"
        elif roll < 0.90:  # another type of activity, with the fields of this one
            activity["type"] = rng.choice(TYPES)
            if rng.random() < 0.5:
                activity.pop("name", None)
            label = f"type {activity['type']!r}"
        else:  # the body cut short or with a byte changed
            body = _encode(activity)
            cut = rng.randrange(1, len(body))
            if rng.random() < 0.5:
                inputs.append((f"cut at {cut}", body[:cut]))
            else:
                inputs.append((f"byte {cut} changed", body[:cut] + b"\xff" + body[cut + 1 :]))
            continue
        inputs.append((label, _encode(activity)))
    return inputs


def _offered_not(body: bytes) -> bool:
    activity = json.loads(body)
    return activity["type"] == "invoke" and isinstance(activity.get("name"), str)


def test_the_campaign_is_the_same_for_the_same_seed():
    def labels() -> list[tuple[str, bytes]]:
        return campaign("http://127.0.0.1:1/", count=100)

    assert labels() == labels()


async def test_malformed_activities_get_no_5xx_and_no_timeout(bot, connector, caplog):
    inputs = campaign(connector.url)
    statuses: Counter[int] = Counter()
    failures = []
    slowest = 0.0
    with caplog.at_level(logging.ERROR, logger="bot.web"):
        for label, body in inputs:
            started = time.monotonic()
            try:
                async with asyncio.timeout(TEAMS_SECONDS):
                    response = await bot.post(
                        "/api/messages", data=body, headers={"Content-Type": "application/json"}
                    )
                    await response.read()
            except TimeoutError:
                failures.append(f"timeout: {label}")
                continue
            slowest = max(slowest, time.monotonic() - started)
            statuses[response.status] += 1
            if response.status == 501 and _offered_not(body):
                continue  # an invoke with a name the app does not offer: 501 is its answer
            if response.status >= 500:
                failures.append(f"{response.status}: {label}")
            elif response.status == 400:
                reason = (await response.json())["error"]
                assert reason, label  # every 400 says why
    assert failures == []
    assert sum(statuses.values()) == INPUTS
    assert statuses[400] > INPUTS / 2  # most inputs are refused before the adapter sees them
    # Whatever got through to the bot was handled: a failed turn is logged with its code.
    turn_failures = [r for r in caplog.records if r.getMessage().startswith("turn failed")]
    assert turn_failures == []
    print(
        f"fuzz: {INPUTS} inputs, statuses {dict(sorted(statuses.items()))}, "
        f"{len(turn_failures)} failed turns, slowest {slowest:.2f} s"
    )
