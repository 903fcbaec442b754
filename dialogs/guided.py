"""What the intake and the registration share: a form or one question at a time, asked
again after an interruption or a restart, with the submitted form values at hand."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogInstance, DialogTurnResult


class GuidedDialog(Dialog):  # type: ignore[misc]
    @abstractmethod
    async def _prompt(self, context: TurnContext, state: dict[str, Any]) -> None:
        """Send the form, or the current question."""

    async def reprompt_dialog(self, context: TurnContext, instance: DialogInstance) -> None:
        await self._prompt(context, instance.state)

    async def reprompt(self, dc: DialogContext) -> DialogTurnResult:
        await self._prompt(dc.context, dc.active_dialog.state)
        return Dialog.end_of_turn


def submitted_value(dc: DialogContext) -> dict[str, Any]:
    """The data of a clicked card button or submitted form; empty for typed text."""
    value = dc.context.activity.value
    return value if isinstance(value, dict) else {}
