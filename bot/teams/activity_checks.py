"""The shape of an incoming activity, checked before botbuilder deserialises it.

botbuilder 4.17.1 turns the request JSON into msrest models (`Activity().deserialize`, and
`TeamsChannelData` during dispatch). A field of the wrong type there raises deep inside the
SDK and comes out of aiohttp as a 500; a value nested thousands deep or a number of
thousands of digits costs a RecursionError or a ValueError in the JSON parser. Here the
body is parsed with bounds and every field botbuilder will deserialise is checked against
the attribute map of the model it will become, so a bad activity gets a 400 with a reason.

The rules follow the msrest models themselves (walked once, at import), so a field added by
a later botbuilder is checked without a change here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import botbuilder.schema as schema
import botbuilder.schema.teams as teams_schema
from msrest.serialization import Deserializer

MAX_DEPTH = 32  # Teams' own payloads stay below 10 levels
MAX_INT_DIGITS = 20  # int64 and then some
MAX_FLOAT_CHARS = 40


# The invokes whose `value` botbuilder's Teams handler turns into a model before anything
# else looks at it (botbuilder/core/teams/teams_activity_handler.py, on_invoke_activity).
INVOKE_VALUES = {
    "fileConsent/invoke": "FileConsentCardResponse",
    "actionableMessage/executeAction": "O365ConnectorCardActionQuery",
    "composeExtension/queryLink": "AppBasedLinkQuery",
    "composeExtension/anonymousQueryLink": "AppBasedLinkQuery",
    "composeExtension/query": "MessagingExtensionQuery",
    "composeExtension/querySettingUrl": "MessagingExtensionQuery",
    "composeExtension/submitAction": "MessagingExtensionAction",
    "composeExtension/fetchTask": "MessagingExtensionAction",
    "task/fetch": "TaskModuleRequest",
    "task/submit": "TaskModuleRequest",
    "tab/fetch": "TabRequest",
    "tab/submit": "TabSubmit",
}


class BadActivity(ValueError):
    """A request body that is not a usable activity; the message says why."""


def parse_body(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object, with bounded numbers and nesting."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadActivity("body is not UTF-8") from None
    try:
        body = json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_no_constant
        )
    except json.JSONDecodeError as error:
        raise BadActivity(f"body is not valid JSON: {error.msg}") from None
    except RecursionError:
        raise BadActivity(f"body is nested deeper than {MAX_DEPTH} levels") from None
    if not isinstance(body, dict):
        raise BadActivity("body must be a JSON object")
    if "\\u0000" in text and _NUL_ESCAPE.search(text):
        # No Teams text holds one, and PostgreSQL cannot store it.
        raise BadActivity("body contains a NUL character")
    if _depth(body) > MAX_DEPTH:
        raise BadActivity(f"body is nested deeper than {MAX_DEPTH} levels")
    return body


_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")  # \u0000, not an escaped backslash


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BadActivity(f"body has a number longer than {MAX_INT_DIGITS} digits")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_FLOAT_CHARS:
        raise BadActivity(f"body has a number longer than {MAX_FLOAT_CHARS} characters")
    return float(text)


def _no_constant(text: str) -> float:
    raise BadActivity(f"body has {text}, which is not JSON")


def _depth(node: Any) -> int:
    """How deep the JSON value nests (iteratively: the value may be as deep as the parser
    allowed)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(node, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_activity(body: dict[str, Any]) -> None:
    """BadActivity naming the first field that botbuilder could not use."""
    for field in ("type", "serviceUrl", "channelId"):  # botbuilder's state keys need channelId
        if not isinstance(body.get(field), str) or not body[field]:
            raise BadActivity(f"activity needs a string '{field}'")
    for field in ("conversation", "from", "recipient"):
        account = body.get(field)
        if not isinstance(account, dict) or not isinstance(account.get("id"), str):
            raise BadActivity(f"activity needs '{field}' with a string 'id'")
        if not account["id"].strip():
            raise BadActivity(f"activity needs '{field}' with a non-empty 'id'")
    problem = next(_problems(body, "Activity", ""), None)
    channel_data = body.get("channelData")
    if problem is None and channel_data is not None:
        # Teams' dispatch reads channelData as TeamsChannelData.
        if not isinstance(channel_data, dict):
            problem = "activity field 'channelData' must be an object"
        else:
            problem = next(_problems(channel_data, "TeamsChannelData", "channelData."), None)
    if problem is not None:
        raise BadActivity(problem)
    teams_update = body["type"] == "conversationUpdate" and body.get("channelId") == "msteams"
    if teams_update and not isinstance(channel_data, dict):  # Teams' dispatch reads its team
        raise BadActivity("a Teams conversationUpdate needs 'channelData'")
    if body["type"] == "invoke":
        name = body.get("name")
        if not (isinstance(name, str) and name):
            raise BadActivity("an invoke activity needs a string 'name'")
        model = INVOKE_VALUES.get(name)
        value = body.get("value")
        if model is not None and value is not None:
            if not isinstance(value, dict):
                raise BadActivity(f"the value of a '{name}' invoke must be an object")
            problem = next(_problems(value, model, "value."), None)
            if problem is not None:
                raise BadActivity(problem)


def _problems(node: dict[str, Any], model: str, path: str) -> Iterator[str]:
    for key, kind in _fields(model):
        if key in node and node[key] is not None:
            yield from _check(node[key], kind, f"{path}{key}")


def _check(value: Any, kind: str, path: str) -> Iterator[str]:
    if kind.startswith("[") and kind.endswith("]"):
        if not isinstance(value, list):
            yield f"activity field '{path}' must be a list"
            return
        for index, item in enumerate(value):
            if item is not None:
                yield from _check(item, kind[1:-1], f"{path}[{index}]")
    elif kind.startswith("{") and kind.endswith("}"):
        if not isinstance(value, dict):
            yield f"activity field '{path}' must be an object"
            return
        for name, item in value.items():
            if item is not None:
                yield from _check(item, kind[1:-1], f"{path}.{name}")
    elif kind == "str":
        if not isinstance(value, str):
            yield f"activity field '{path}' must be a string"
    elif kind == "bool":
        if not isinstance(value, bool):
            yield f"activity field '{path}' must be true or false"
    elif kind in ("int", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            yield f"activity field '{path}' must be a whole number"
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            yield f"activity field '{path}' must be a number"
    elif kind == "iso-8601":
        if not isinstance(value, str) or not _is_timestamp(value):
            yield f"activity field '{path}' must be an ISO 8601 date and time"
    elif kind == "object":
        return  # any JSON; its depth and numbers are bounded by parse_body
    elif _fields(kind):
        if not isinstance(value, dict):
            yield f"activity field '{path}' must be an object"
            return
        yield from _problems(value, kind, f"{path}.")
    # a type this module does not know is left to botbuilder (none in 4.17.1)


def _is_timestamp(text: str) -> bool:
    try:
        Deserializer.deserialize_iso(text)  # type: ignore[no-untyped-call]
    except Exception:  # msrest raises DeserializationError, or worse for odd strings
        return False
    return True


@cache
def _fields(model: str) -> tuple[tuple[str, str], ...]:
    """(JSON key, msrest type) of each attribute of a botbuilder schema model."""
    cls = getattr(schema, model, None) or getattr(teams_schema, model, None)
    attribute_map = getattr(cls, "_attribute_map", None)
    if not isinstance(attribute_map, dict):
        return ()
    return tuple((spec["key"], spec["type"]) for spec in attribute_map.values())
