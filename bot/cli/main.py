"""Command line: `python -m bot content check | ask | triage | eval | eval-situations |
feedback report | reminders | tickets list | register export | manifest build`."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.cli.answer_text import format_answer
from bot.cli.eval_report import format_report, format_situation_report
from bot.cli.feedback_report import format_feedback
from bot.cli.register_export import add_commands as add_register_commands
from bot.cli.reminders import add_commands as add_reminder_commands
from bot.cli.tickets import add_commands as add_ticket_commands
from bot.domain.bm25 import Bm25Baseline
from bot.domain.content import DEFAULT_ROOT, Content, ContentError, load_content
from bot.domain.evaluation import (
    Prediction,
    evaluate,
    evaluate_situations,
    load_labelled_set,
    load_situations,
    matcher_ranker,
    triage_predictor,
)
from bot.domain.matcher import Matcher, MatchResult
from bot.domain.triage import Triage, Triager
from bot.settings import Settings, SettingsError, read_dotenv
from bot.store.database import open_database
from bot.store.feedback import FeedbackRepository
from bot.store.tickets import TicketRepository


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        content = load_content(args.content)
    except ContentError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        print(f"{len(error.issues)} problem(s) in the content.", file=sys.stderr)
        return 1
    outcome = args.run(args, content)
    # Commands that use the database are coroutines: one event loop for the whole command.
    command: int = asyncio.run(outcome) if inspect.iscoroutine(outcome) else outcome
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("--content", type=Path, default=DEFAULT_ROOT, help="content folder")
    commands = parser.add_subparsers(required=True, metavar="command")

    content = commands.add_parser("content", help="work with the content files")
    content_commands = content.add_subparsers(required=True, metavar="action")
    check = content_commands.add_parser("check", help="validate all content, list every problem")
    check.set_defaults(run=_check)

    ask = commands.add_parser("ask", help="answer a question (no question: one per stdin line)")
    ask.add_argument("question", nargs="?", help="the question; omit to read standard input")
    ask.add_argument("--json", action="store_true", help="print JSON instead of text")
    ask.set_defaults(run=_ask)

    triage = commands.add_parser(
        "triage", help="themes, checklist, teams and registration for a described partnership"
    )
    triage.add_argument("text", nargs="?", help="the description; omit to read standard input")
    triage.add_argument("--json", action="store_true", help="print JSON instead of text")
    triage.set_defaults(run=_triage)

    feedback = commands.add_parser("feedback", help="what users said about the answers")
    feedback_commands = feedback.add_subparsers(required=True, metavar="action")
    report = feedback_commands.add_parser(
        "report", help="feedback per checklist item and the questions the bot could not answer"
    )
    report.add_argument("--database", help="database URL (default: DATABASE_URL or the default)")
    report.set_defaults(run=_feedback_report)

    eval_ = commands.add_parser("eval", help="score the matcher on labelled question files")
    eval_.add_argument("file", type=Path, nargs="+")
    eval_.add_argument("--worst", type=int, default=10, help="how many misses to list")
    eval_.set_defaults(run=_eval)

    situations = commands.add_parser(
        "eval-situations", help="score the triage on a labelled situations file"
    )
    situations.add_argument("file", type=Path)
    situations.add_argument("--worst", type=int, default=10, help="how many misses to list")
    situations.set_defaults(run=_eval_situations)

    add_reminder_commands(commands)
    add_ticket_commands(commands)
    add_register_commands(commands)

    manifest = commands.add_parser("manifest", help="the Teams app package")
    manifest_commands = manifest.add_subparsers(required=True, metavar="action")
    build = manifest_commands.add_parser(
        "build",
        help="fill in, validate and zip the app manifest and icons "
        "(MicrosoftAppId, BOT_DOMAIN, DEVELOPER_* from the environment or .env)",
    )
    build.add_argument("--out", type=Path, default=Path("appPackage.zip"), help="the zip to write")
    build.set_defaults(run=_manifest_build)
    return parser


def _check(args: argparse.Namespace, content: Content) -> int:
    items = sum(len(theme.items) for theme in content.themes)
    sections = sum(len(framework.sections) for framework in content.frameworks)
    rules = sum(len(item.rules) for item in content.items.values())
    print(
        f"Content OK: {len(content.themes)} themes, {items} checklist items ({rules} intake "
        f"rules), {len(content.experts)} expert teams, {len(content.frameworks)} frameworks "
        f"({sections} sections), {len(content.register.forms)} partnership forms, "
        f"{len(content.thesaurus)} thesaurus concepts "
        f"({sum(len(concept.words) for concept in content.thesaurus)} words), "
        f"{sum(len(kind.phrases) for kind in content.smalltalk)} small-talk phrases"
        + (
            f", appraisal with {len(content.appraisal.cells)} cells and "
            f"{len(content.appraisal.ratings)} ratings."
            if content.appraisal
            else "."
        )
    )
    return 0


async def _feedback_report(args: argparse.Namespace, content: Content) -> int:
    url = args.database or Settings.from_env().database_url
    database = open_database(url)
    try:
        tickets = await TicketRepository(database).answered()
        answered = [(t.item_id or "", t.question) for t in tickets]
        print(await format_feedback(FeedbackRepository(database), content, answered))
    finally:
        await database.close()
    return 0


def _manifest_build(args: argparse.Namespace, content: Content) -> int:
    """The settings come from the environment and `.env`, like the bot's own."""
    # Imported here: JSON Schema validation costs start-up time other commands need not pay.
    from bot.cli.manifest import ManifestError, build_package, package_settings

    environ = {**dict(read_dotenv(Path(".env"))), **os.environ}
    try:
        manifest = build_package(package_settings(environ), args.out, environ)
    except (SettingsError, ManifestError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"App package written to {args.out} (app id {manifest['id']}, "
        f"domain {manifest['validDomains'][0]}, version {manifest['version']})."
    )
    return 0


def _ask(args: argparse.Namespace, content: Content) -> int:
    matcher = Matcher(content)
    if args.question is not None:
        result = matcher.match(args.question)
        print(_as_json(result) if args.json else _as_text(result, matcher, content))
        return 0
    _ask_each_line(matcher, sys.stdin, sys.stdout)
    return 0


def _as_text(result: MatchResult, matcher: Matcher, content: Content) -> str:
    if result.decision == "smalltalk":
        return f"({result.smalltalk})"
    if result.decision == "situation":
        return _triage_text(Triager(content, matcher).triage(result.query))
    text = format_answer(result, content)
    if result.decision == "clarify" and result.team:
        team = content.experts[result.team].name
        text += "\n" + content.messages.say("clarify_team", team=team)
    if result.referral:
        text += f"\n{result.referral}"
    return text


def _ask_each_line(matcher: Matcher, lines: TextIO, out: TextIO) -> None:
    for line in lines:
        out.write(_as_json(matcher.match(line.strip())) + "\n")
        out.flush()


def _as_json(result: MatchResult) -> str:
    return json.dumps(
        {
            "query": result.query,
            "decision": result.decision,
            "team": result.team,
            "smalltalk": result.smalltalk,
            "referral": result.referral,
            "matches": [
                {
                    "id": match.entry.id,
                    "kind": match.entry.kind,
                    "theme": match.entry.theme,
                    "question": match.entry.title,
                    "experts": list(match.entry.experts),
                    "score": round(match.score, 4),
                }
                for match in result.matches
            ],
        },
        ensure_ascii=False,
    )


def _triage(args: argparse.Namespace, content: Content) -> int:
    triager = Triager(content)
    if args.text is not None:
        triage = triager.triage(args.text)
        print(
            json.dumps(triage.as_dict(), ensure_ascii=False) if args.json else _triage_text(triage)
        )
        return 0
    for line in sys.stdin:
        print(json.dumps(triager.triage(line.strip()).as_dict(), ensure_ascii=False), flush=True)
    return 0


def _triage_text(triage: Triage) -> str:
    lines = ["Thema's: " + (", ".join(theme.title for theme in triage.themes) or "-"), ""]
    lines.append("Vragen die ertoe doen:")
    theme = None
    for item in triage.checklist:
        if item.theme != theme:
            theme = item.theme
            lines.append(f"  {next(t.title for t in triage.themes if t.key == theme)}")
        lines.append(f"    - {item.question} ({', '.join(item.experts)})")
    lines += ["", "Betrek:"] + [f"  {call.code}: {call.why}" for call in triage.experts]
    registration = triage.registration
    flags = ", ".join(
        f"{key} {'ja' if value else 'nee'}" for key, value in registration.flags.items()
    )
    lines += ["", f"Registratie: vorm {registration.form or 'onbekend'}; {flags}"]
    return "\n".join(lines)


def _eval(args: argparse.Namespace, content: Content) -> int:
    matcher = Matcher(content)
    baseline = Bm25Baseline(content)

    ours = matcher_ranker(matcher)

    def bm25(query: str) -> Prediction:
        ranked = tuple((id_, content.items[id_].experts[0]) for id_, _ in baseline.rank(query)[:5])
        return Prediction("answer" if ranked else "out_of_scope", ranked)

    blocks = []
    for path in args.file:
        try:
            questions = load_labelled_set(path, (entry.id for entry in matcher.entries))
        except ContentError as error:
            for issue in error.issues:
                print(issue, file=sys.stderr)
            return 1
        reports = {
            "Samenwerkwijzer": evaluate(questions, ours),
            "BM25 (guide)": evaluate(questions, bm25),
        }
        blocks.append(format_report(path, len(questions), reports, worst=args.worst))
    print("\n\n".join(blocks))
    return 0


def _eval_situations(args: argparse.Namespace, content: Content) -> int:
    triager = Triager(content)
    try:
        situations = load_situations(args.file, content.items, content.experts)
    except ContentError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return 1
    report = evaluate_situations(situations, triage_predictor(triager))
    print(format_situation_report(args.file, report, worst=args.worst))
    return 0
