"""A partnership's evaluation moments as an iCalendar file (RFC 5545)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.domain.calendar import escape, evaluation_calendar, fold
from bot.domain.register import Partnership, Person
from bot.domain.schedule import EvaluationEvent

LABELS = {"jaarlijks": "Jaarlijkse lichte evaluatie", "fase": "Fase-evaluatie"}
ANNE = Person("aad-anne", "Anne de Vries")
PARTNERSHIP = Partnership(
    id=7,
    name="Regionaal Energieloket",
    purpose="",
    partners=(),
    form="wgr",
    mandated=False,
    phase="implementeren",
    flags=frozenset(),
    account_holder=ANNE,
    created_by=ANNE,
    next_evaluation=date(2027, 11, 23),
    cadence="jaarlijks",
    created_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
)
NOW = datetime(2027, 3, 1, 10, 30, 15, tzinfo=timezone(timedelta(hours=1)))


def completed(due: date, partnership_id: int = 7) -> EvaluationEvent:
    return EvaluationEvent(
        partnership_id=partnership_id,
        kind="completed",
        due=due,
        new_due=None,
        reason=None,
        by_id="aad-anne",
        at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def postponed(due: date, new_due: date) -> EvaluationEvent:
    return dataclasses.replace(completed(due), kind="postponed", new_due=new_due, reason="ziek")


def unfold(text: str) -> list[str]:
    """The content lines: CRLF-separated, a line starting with a space continues the last."""
    assert text.endswith("\r\n")
    physical = text[: -len("\r\n")].split("\r\n")
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def events_of(text: str) -> list[dict[str, str]]:
    """Each VEVENT's properties by name (parameters kept in the name), alarms as 'ALARM.X'."""
    found: list[dict[str, str]] = []
    prefix = ""
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            found.append({})
        elif line == "BEGIN:VALARM":
            prefix = "ALARM."
        elif line == "END:VALARM":
            prefix = ""
        elif found and line != "END:VEVENT" and line != "END:VCALENDAR":
            found[-1][prefix + name] = value
    return found


def unescape(value: str) -> str:
    result, index = "", 0
    while index < len(value):
        if value[index] == "\\":
            following = value[index + 1]
            result += "\n" if following in "nN" else following
            index += 2
        else:
            result += value[index]
            index += 1
    return result


def test_calendar_has_the_envelope_and_crlf_line_endings_only():
    text = evaluation_calendar(PARTNERSHIP, [], LABELS, NOW)
    assert text.replace("\r\n", "").count("\n") == 0
    assert text.replace("\r\n", "").count("\r") == 0
    lines = unfold(text)
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samenwerkwijzer//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert lines[-1] == "END:VCALENDAR"


def test_next_moment_is_an_all_day_event_with_a_stable_uid_and_an_alarm_a_day_before():
    text = evaluation_calendar(PARTNERSHIP, [], LABELS, NOW)
    assert unfold(text)[5:] == [
        "BEGIN:VEVENT",
        "UID:evaluation-7-20271123@samenwerkwijzer",
        "DTSTAMP:20270301T093015Z",
        "DTSTART;VALUE=DATE:20271123",
        "DTEND;VALUE=DATE:20271124",
        "SUMMARY:Jaarlijkse lichte evaluatie: Regionaal Energieloket",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Jaarlijkse lichte evaluatie: Regionaal Energieloket",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


def test_completed_moments_come_first_in_date_order_without_alarm():
    events = [
        completed(date(2026, 11, 20)),
        postponed(date(2027, 11, 1), date(2027, 11, 23)),
        completed(date(2025, 11, 21)),
        completed(date(2024, 5, 5), partnership_id=8),
    ]
    found = events_of(evaluation_calendar(PARTNERSHIP, events, LABELS, NOW))
    assert [(e["UID"], e["DTSTART;VALUE=DATE"]) for e in found] == [
        ("evaluation-7-20251121@samenwerkwijzer", "20251121"),
        ("evaluation-7-20261120@samenwerkwijzer", "20261120"),
        ("evaluation-7-20271123@samenwerkwijzer", "20271123"),
    ]
    assert ["ALARM.ACTION" in e for e in found] == [False, False, True]
    assert {e["DTSTAMP"] for e in found} == {"20270301T093015Z"}


def test_moment_completed_on_the_next_date_appears_once():
    text = evaluation_calendar(PARTNERSHIP, [completed(date(2027, 11, 23))], LABELS, NOW)
    assert [e["UID"] for e in events_of(text)] == ["evaluation-7-20271123@samenwerkwijzer"]


def test_partnership_without_a_next_moment_lists_only_completed_ones():
    unplanned = dataclasses.replace(PARTNERSHIP, next_evaluation=None)
    text = evaluation_calendar(unplanned, [completed(date(2026, 11, 20))], LABELS, NOW)
    [event] = events_of(text)
    assert event["DTSTART;VALUE=DATE"] == "20261120"
    assert "BEGIN:VALARM" not in text
    assert evaluation_calendar(unplanned, [], LABELS, NOW).count("BEGIN:VEVENT") == 0


def test_summary_uses_the_kind_label_and_falls_back_to_the_key():
    phase = dataclasses.replace(PARTNERSHIP, evaluation_kind="fase")
    [event] = events_of(evaluation_calendar(phase, [], LABELS, NOW))
    assert event["SUMMARY"] == "Fase-evaluatie: Regionaal Energieloket"
    unknown = dataclasses.replace(PARTNERSHIP, evaluation_kind="extra")
    [event] = events_of(evaluation_calendar(unknown, [], LABELS, NOW))
    assert event["SUMMARY"] == "extra: Regionaal Energieloket"


def test_comma_semicolon_backslash_and_newlines_in_the_name_are_escaped():
    name = "Breda, Tilburg; samen\\sterk\nregio\r\nwest"
    tricky = dataclasses.replace(PARTNERSHIP, name=name)
    [event] = events_of(evaluation_calendar(tricky, [], LABELS, NOW))
    assert event["SUMMARY"] == (
        "Jaarlijkse lichte evaluatie: Breda\\, Tilburg\\; samen\\\\sterk\\nregio\\nwest"
    )
    assert unescape(event["SUMMARY"]) == (
        "Jaarlijkse lichte evaluatie: Breda, Tilburg; samen\\sterk\nregio\nwest"
    )
    assert event["ALARM.DESCRIPTION"] == event["SUMMARY"]


def test_long_lines_are_folded_at_75_octets_and_unfold_to_the_original():
    name = "Samenwerkingsverband Coöperatieve Energietransitie Midden-Brabant " * 3
    long = dataclasses.replace(PARTNERSHIP, name=name.strip())
    text = evaluation_calendar(long, [], LABELS, NOW)
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) == 75
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    summary_lines = [n for n, line in enumerate(physical) if line.startswith("SUMMARY:")]
    assert physical[summary_lines[0] + 1].startswith(" ")
    [event] = events_of(text)
    assert event["SUMMARY"] == f"Jaarlijkse lichte evaluatie: {name.strip()}"


def test_fold_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "ö" * 100
    physical = fold(line).split("\r\n")
    # 8 + 33 * 2 octets, then a space and 37, then a space and the last 30
    assert [len(part.encode("utf-8")) for part in physical] == [74, 75, 61]
    assert "".join(part.removeprefix(" ") for part in physical) == line


def test_fold_leaves_a_line_of_75_octets_alone():
    assert fold("x" * 75) == "x" * 75
    assert fold("x" * 76) == "x" * 75 + "\r\n x"


def test_escape_handles_each_special_character():
    assert escape("a\\b;c,d\ne\rf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_unstored_partnership_or_naive_time_is_refused():
    with pytest.raises(ValueError, match="not stored yet"):
        evaluation_calendar(dataclasses.replace(PARTNERSHIP, id=None), [], LABELS, NOW)
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluation_calendar(PARTNERSHIP, [], LABELS, datetime(2027, 3, 1, 10, 30))
