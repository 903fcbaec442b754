"""Dates as Dutch staff type them: 23-11-2027, 23/11/2027, 2027-11-23, 23 november 2027."""

from __future__ import annotations

import calendar
import re
from datetime import date

from bot.domain.dutch import normalize

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date | None:
    """The date in `text`, or None when it is not a valid date in one of the usual forms."""
    stripped = text.strip()
    try:
        if match := _ISO.match(stripped):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _NUMERIC.match(stripped):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        words = normalize(stripped).split()
        if len(words) == 3 and words[0].isdigit() and words[2].isdigit():
            month_index = next(
                (n for n, name in enumerate(MONTHS, 1) if name.startswith(words[1][:3])), None
            )
            if month_index is not None:
                return date(int(words[2]), month_index, int(words[0]))
    except ValueError:  # 31-02-2027
        return None
    return None


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 jan + 1 month = 28/29 feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
