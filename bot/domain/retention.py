"""How long the bot keeps what it does not need for long (AVG): the retention periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RetentionPeriods:
    feedback_days: int = 90  # answer ratings and the texts of unanswered questions
    state_days: int = 30  # a conversation's unfinished dialog, untouched this long
    ticket_days: int = 365  # questions to expert teams, after they were closed

    def feedback_cutoff(self, now: datetime) -> datetime:
        return now - timedelta(days=self.feedback_days)

    def state_cutoff(self, now: datetime) -> datetime:
        return now - timedelta(days=self.state_days)


DEFAULT_RETENTION = RetentionPeriods()
