"""Persistence: the database, the Bot Framework state storage and repositories."""

from bot.store.database import Database, open_database
from bot.store.feedback import EntryFeedback, FeedbackKind, FeedbackRepository, UnansweredQuestion
from bot.store.state_storage import SqlStateStorage

__all__ = [
    "Database",
    "EntryFeedback",
    "FeedbackKind",
    "FeedbackRepository",
    "SqlStateStorage",
    "UnansweredQuestion",
    "open_database",
]
