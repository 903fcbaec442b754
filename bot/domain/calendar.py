"""A partnership's evaluation moments as an iCalendar file (RFC 5545), for Outlook and others.

One all-day event per moment: the next evaluation, with an alarm a day before, and the ones
completed. UIDs are stable, so importing the file again updates the events instead of
doubling them.

Written here rather than with the `icalendar` package: the file has one fixed shape (all-day
events, one alarm) and only two TEXT values (a name and a label), so what RFC 5545 asks of a
writer comes down to escaping and folding by octets, both below and both tested
(tests/domain/test_calendar.py). The package would bring itself and its dependencies
(python-dateutil, tzdata) into the product for about forty lines, and parsing, which is
what it does best, is never needed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

from bot.domain.register import Partnership
from bot.domain.schedule import EvaluationEvent

PRODID = "-//Samenwerkwijzer//NL"
CRLF = "\r\n"
MAX_LINE_OCTETS = 75
ALARM_BEFORE = "-P1D"


def evaluation_calendar(
    partnership: Partnership,
    events: list[EvaluationEvent],
    kind_labels: Mapping[str, str],
    now: datetime,
) -> str:
    """The VCALENDAR text, CRLF line endings; `now` (aware) is every event's DTSTAMP.

    EvaluationEvent does not record the kind of evaluation, so a completed moment carries
    the label of the partnership's current kind.
    """
    if partnership.id is None:
        raise ValueError(f"partnership '{partnership.name}' is not stored yet")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    label = kind_labels.get(partnership.evaluation_kind, partnership.evaluation_kind)
    summary = f"{label}: {partnership.name}"
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    completed = {
        event.due
        for event in events
        if event.kind == "completed" and event.partnership_id == partnership.id
    }
    upcoming = partnership.next_evaluation
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for day in sorted(completed | ({upcoming} if upcoming else set())):
        lines += _event(partnership.id, day, summary, stamp, alarm=day == upcoming)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _event(partnership_id: int, day: date, summary: str, stamp: str, alarm: bool) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:evaluation-{partnership_id}-{_day(day)}@samenwerkwijzer",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(day)}",
        f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}",
        f"SUMMARY:{escape(summary)}",
        "TRANSP:TRANSPARENT",
    ]
    if alarm:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape(summary)}",
            f"TRIGGER:{ALARM_BEFORE}",
            "END:VALARM",
        ]
    return [*lines, "END:VEVENT"]


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def escape(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines over 75 octets (UTF-8) continue on the next line after one space; a character
    is never split."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > MAX_LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts)
