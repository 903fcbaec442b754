"""Command line: `python -m bot content check | ask | eval | feedback report | reminders |
register export | manifest build`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.cli.answer_text import format_answer
from bot.cli.eval_report import format_report
from bot.cli.feedback_report import format_feedback
from bot.cli.register_export import add_commands as add_register_commands
from bot.cli.reminders import add_commands as add_reminder_commands
from bot.domain.bm25 import Bm25Baseline
from bot.domain.content import DEFAULT_ROOT, Content, ContentError, load_content
from bot.domain.evaluation import Prediction, evaluate, load_labelled_set
from bot.domain.matcher import Matcher, MatchResult
from bot.settings import Settings, SettingsError, read_dotenv
from bot.store.database import open_database
from bot.store.feedback import FeedbackRepository


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        content = load_content(args.content)
    except ContentError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        print(f"{len(error.issues)} problem(s) in the content.", file=sys.stderr)
        return 1
    command: int = args.run(args, content)
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

    feedback = commands.add_parser("feedback", help="what users said about the answers")
    feedback_commands = feedback.add_subparsers(required=True, metavar="action")
    report = feedback_commands.add_parser(
        "report", help="feedback per checklist item and the questions the bot could not answer"
    )
    report.add_argument("--database", help="database URL (default: DATABASE_URL or the default)")
    report.set_defaults(run=_feedback_report)

    eval_ = commands.add_parser("eval", help="score the matcher on a labelled question file")
    eval_.add_argument("file", type=Path)
    eval_.add_argument("--worst", type=int, default=10, help="how many misses to list")
    eval_.set_defaults(run=_eval)

    add_reminder_commands(commands)
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
        f"{len(content.synonyms)} synonym groups"
        + (
            f", appraisal with {len(content.appraisal.cells)} cells and "
            f"{len(content.appraisal.ratings)} ratings."
            if content.appraisal
            else "."
        )
    )
    return 0


def _feedback_report(args: argparse.Namespace, content: Content) -> int:
    url = args.database or Settings.from_env().database_url
    database = open_database(url)
    try:
        print(format_feedback(FeedbackRepository(database), content))
    finally:
        database.close()
    return 0


def _manifest_build(args: argparse.Namespace, content: Content) -> int:
    """The settings come from the environment and `.env`, like the bot's own."""
    # Imported here: JSON Schema validation costs start-up time other commands need not pay.
    from bot.cli.manifest import ManifestError, build_package

    environ = {**dict(read_dotenv(Path(".env"))), **os.environ}
    try:
        manifest = build_package(Settings.from_env(environ), args.out, environ)
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
        print(_as_json(result) if args.json else format_answer(result, content))
        return 0
    _ask_each_line(matcher, sys.stdin, sys.stdout)
    return 0


def _ask_each_line(matcher: Matcher, lines: TextIO, out: TextIO) -> None:
    for line in lines:
        out.write(_as_json(matcher.match(line.strip())) + "\n")
        out.flush()


def _as_json(result: MatchResult) -> str:
    return json.dumps(
        {
            "query": result.query,
            "decision": result.decision,
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


def _eval(args: argparse.Namespace, content: Content) -> int:
    matcher = Matcher(content)
    try:
        questions = load_labelled_set(args.file, (entry.id for entry in matcher.entries))
    except ContentError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        return 1
    baseline = Bm25Baseline(content)

    def ours(query: str) -> Prediction:
        result = matcher.match(query)
        ranked = tuple(
            (m.entry.id, m.entry.experts[0] if m.entry.experts else None) for m in result.matches
        )
        return Prediction(result.decision, ranked)

    def bm25(query: str) -> Prediction:
        ranked = tuple((id_, content.items[id_].experts[0]) for id_, _ in baseline.rank(query)[:5])
        return Prediction("answer" if ranked else "out_of_scope", ranked)

    reports = {
        "Samenwerkwijzer": evaluate(questions, ours),
        "BM25 (guide)": evaluate(questions, bm25),
    }
    print(format_report(args.file, len(questions), reports, worst=args.worst))
    return 0
