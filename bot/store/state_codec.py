"""botbuilder-dialogs keeps its stack as objects; state is stored as plain, tagged JSON.

Only the dialog stack's two classes are known here; anything else that is not JSON is an
error, so nothing is ever pickled.
"""

from __future__ import annotations

from typing import Any

from botbuilder.dialogs import DialogInstance, DialogState

TYPE_KEY = "$type"


def encode(value: Any) -> Any:
    """`json.dumps(default=encode)`: the dialog stack as tagged dicts."""
    if isinstance(value, DialogState):
        return {TYPE_KEY: "DialogState", "stack": value.dialog_stack}
    if isinstance(value, DialogInstance):
        return {TYPE_KEY: "DialogInstance", "id": value.id, "state": value.state}
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def decode(value: dict[str, Any]) -> Any:
    """`json.loads(object_hook=decode)`: tagged dicts back into the dialog stack."""
    kind = value.get(TYPE_KEY)
    if kind == "DialogInstance":
        return DialogInstance(id=value["id"], state=value["state"])
    if kind == "DialogState":
        return DialogState(stack=value["stack"])
    return value
