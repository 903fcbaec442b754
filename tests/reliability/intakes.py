"""A guided intake (juridisch, step by step) as the reliability tests send it, and what the
register stores of it."""

from __future__ import annotations

from typing import Any

from bot.domain.intake import StoredIntake
from bot.store.database import open_database
from bot.store.register import IntakeRepository
from tests.bot.cardtext import texts
from tests.bot.connector import Sent

START = {"action": "intake_start", "theme": "juridisch", "mode": "steps"}
QUESTIONS = 8
# Typed answers, as in tests/bot/test_intake_flow.py; the last two are the same, so that they
# may be sent at once (either may answer question 7) and the stored intake is still known.
ANSWERS = ("nee, nog niet", "ja", "nvt", "weet niet", "ja", "overslaan", "nee", "nee")


def question_number(reply: Sent) -> int | None:
    """N of 'Vraag N van 8' on a reply, None on anything else."""
    for line in texts(reply.card).splitlines():
        if line.startswith("Vraag ") and f" van {QUESTIONS}" in line:
            return int(line.split()[1])
    return None


def is_summary(reply: Sent) -> bool:
    return "Samenvatting intake Juridisch" in texts(reply.card)


async def stored_intakes(database_url: str, user_aad: str) -> list[StoredIntake]:
    database = open_database(database_url)
    try:
        return await IntakeRepository(database).by_user(user_aad)
    finally:
        await database.close()


def answers_of(intake: StoredIntake) -> list[tuple[Any, ...]]:
    return [(a.item_id, a.answer, a.note) for a in intake.answers]
