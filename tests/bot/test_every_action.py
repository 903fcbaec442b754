"""Every card action, with data that fits its contract but points at nothing or at the wrong
thing, gets a short answer: never the apology of a failed turn."""

from __future__ import annotations

import typing
from typing import Any

import pytest

from bot.cards.actions import PAYLOADS, Action
from tests.bot.conftest import Teams, post
from tests.bot.test_intake_flow import _register

ODD = {str: "bestaat-niet", int: 999, bool: False}


def _odd_value(annotation: Any) -> Any:
    """A value of the field's type that points at nothing (or the first allowed literal)."""
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    for kind in typing.get_args(annotation) or (annotation,):
        if kind in ODD:
            return ODD[kind]
        if typing.get_origin(kind) is typing.Literal:
            return typing.get_args(kind)[0]
    return None


def _odd_data(action: Action, partnership_id: int | None) -> dict[str, Any]:
    data: dict[str, Any] = {"action": action.value}
    for name, field in PAYLOADS[action].model_fields.items():
        value = _odd_value(field.annotation)
        if name == "id" and partnership_id is not None and isinstance(value, int):
            value = partnership_id  # a real partnership, with everything else wrong
        if value is not None:
            data[name] = value
    return data


@pytest.mark.parametrize("real_partnership", [False, True], ids=["nothing", "a partnership"])
async def test_every_action_with_odd_data_gets_a_short_answer_not_an_apology(
    bot, connector, real_partnership
):
    teams = Teams(connector.url)
    partnership_id = await _register(bot, connector, teams) if real_partnership else None
    for action in Action:
        status = await post(bot, teams.click(_odd_data(action, partnership_id)))
        assert status == 201, action
        replies = connector.take()
        assert replies, action  # every click is answered
        for sent in replies:
            assert not str(sent.activity.get("text") or "").startswith("Sorry"), action
