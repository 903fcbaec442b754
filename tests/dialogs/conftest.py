"""Dialogs driven by botbuilder's TestAdapter, on real content and a real SQLite register."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from botbuilder.core import ConversationState, MemoryStorage, Storage, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.dialogs import DialogSet, DialogTurnStatus
from botbuilder.schema import Activity, ChannelAccount

from bot.domain.content import Content, load_content
from bot.store.database import Database, open_database
from bot.store.register import IntakeRepository, PartnershipRepository
from dialogs.intake import IntakeDialog
from dialogs.partnership import PartnershipDialog
from tests.bot.cardtext import texts

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    async with open_database(f"sqlite:///{tmp_path}/register.db") as database:
        yield database


class QuestionsAsked:
    """The conversation's question desk as the dialogs see it: records what it answered."""

    def __init__(self) -> None:
        self.answered: list[str] = []

    def looks_like_question(self, text: str) -> bool:
        return text.rstrip().endswith("?")

    async def answer(self, context: TurnContext, text: str) -> None:
        self.answered.append(text)
        await context.send_activity(f"antwoord op: {text}")


class DialogHarness:
    """Starts `dialog_id` with `options` on the first message, continues it afterwards."""

    def __init__(
        self, content: Content, database: Database, storage: Storage, start: tuple[str, Any]
    ) -> None:
        self.state = ConversationState(storage)
        self.dialogs = DialogSet(self.state.create_property("dialogs"))
        self.intakes = IntakeRepository(database)
        self.partnerships = PartnershipRepository(database)
        clock: Callable[[], datetime] = lambda: NOW  # noqa: E731
        self.questions = QuestionsAsked()
        self.dialogs.add(
            IntakeDialog(content, self.intakes, self.partnerships, clock, self.questions)
        )
        self.dialogs.add(PartnershipDialog(content, self.partnerships, clock, self.questions))
        self.start = start
        self.results: list[Any] = []
        self.adapter = TestAdapter(self._turn)

    async def _turn(self, context: TurnContext) -> None:
        dc = await self.dialogs.create_context(context)
        result = await dc.continue_dialog()
        if result.status == DialogTurnStatus.Empty:
            result = await dc.begin_dialog(*self.start)
        if result.status == DialogTurnStatus.Complete:
            self.results.append(result.result)
        await self.state.save_changes(context)

    async def say(self, text: str) -> list[Activity]:
        return await self._exchange(self._message(text=text))

    async def submit(self, value: dict[str, Any]) -> list[Activity]:
        return await self._exchange(self._message(value=value))

    def _message(self, **fields: Any) -> Activity:
        anna = ChannelAccount(id="29:anna", name="Anna", aad_object_id="aad-anna")
        return Activity(type="message", from_property=anna, **fields)

    async def _exchange(self, activity: Activity) -> list[Activity]:
        await self.adapter.receive_activity(activity)
        replies = []
        while (reply := self.adapter.get_next_activity()) is not None:
            replies.append(reply)
        return replies


def card_text(activity: Activity) -> str:
    attachments = activity.attachments or []
    return texts(attachments[0].content) if attachments else activity.text or ""


@pytest.fixture
def harness(content, database) -> Callable[..., DialogHarness]:
    def make(start: tuple[str, Any], storage: Storage | None = None) -> DialogHarness:
        return DialogHarness(content, database, storage or MemoryStorage(), start)

    return make
