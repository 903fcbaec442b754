"""Prints evaluation reports of several rankers side by side."""

from __future__ import annotations

from pathlib import Path

from bot.domain.evaluation import Report, SituationReport, Tally

BLIND_PREFIX = "holdout"  # a blind set: its misses are never shown, so nobody tunes on them

ROWS = (
    ("top-1 accuracy", "top1"),
    ("top-3 accuracy", "top3"),
    ("out-of-scope recall", "out_of_scope_recall"),
    ("in-scope rejected", "false_rejection"),
    ("asked to clarify", "clarified"),
    ("main expert right", "expert"),
)


def format_report(path: Path, count: int, reports: dict[str, Report], worst: int) -> str:
    worst = _shown(path, worst)
    names = list(reports)
    width = max(len(name) for name in names) + 2
    lines = [
        f"{path}: {count} questions",
        "",
        f"{'':<22}" + "".join(f"{n:>{width}}" for n in names),
    ]
    for label, attribute in ROWS:
        cells = [_cell(getattr(report, attribute), width) for report in reports.values()]
        lines.append(f"{label:<22}" + "".join(cells))
    lines += ["", "top-1 by kind of question (out_of_scope: recall)"]
    tags = sorted({tag for report in reports.values() for tag in report.by_tag})
    for tag in tags:
        cells = [_cell(report.by_tag.get(tag, Tally()), width) for report in reports.values()]
        lines.append(f"  {tag:<20}" + "".join(cells))
    first = reports[names[0]]
    if not worst:
        return "\n".join(lines)
    lines += ["", f"worst misses of {names[0]} (expected -> got):"]
    for miss in first.misses[:worst]:
        got = ", ".join(f"{id_}" for id_, _ in miss.prediction.ranked[:3]) or "-"
        rank = f"rank {miss.rank}" if miss.rank else miss.prediction.decision
        expected = ",".join(miss.question.expected_ids)
        lines.append(f"  [{rank}] {miss.question.q!r}: {expected} -> {got}")
    if first.answered_out_of_scope:
        lines += ["", f"out-of-scope questions {names[0]} answered:"]
        lines += [f"  {q!r}" for q in first.answered_out_of_scope[:worst]]
    return "\n".join(lines)


def _shown(path: Path, worst: int) -> int:
    return 0 if path.name.startswith(BLIND_PREFIX) else worst


def _cell(tally: Tally, width: int) -> str:
    rate = tally.rate
    text = "-" if rate is None else f"{rate:6.1%} ({tally.hits}/{tally.total})"
    return f"{text:>{width + 10}}"


SITUATION_ROWS = (
    ("must-teams found", "must_found"),
    ("named teams defensible", "defensible"),
    ("key items named", "key_items"),
)


def format_situation_report(path: Path, report: SituationReport, worst: int) -> str:
    worst = _shown(path, worst)
    lines = [f"{path}: {report.situations} situations", ""]
    for label, attribute in SITUATION_ROWS:
        lines.append(f"{label:<24}" + _cell(getattr(report, attribute), 10))
    if report.misses and worst:
        lines += ["", "misses (missing teams / extra teams / missing key items):"]
        for miss in report.misses[:worst]:
            lines.append(
                f"  {miss.situation.text[:70]!r}: -{','.join(miss.missing_teams) or '.'} "
                f"+{','.join(miss.extra_teams) or '.'} items -{','.join(miss.missing_items) or '.'}"
                f" (named {','.join(miss.prediction.teams)})"
            )
    return "\n".join(lines)
