"""`python -m bot reminders run | status`: the reminders for operations and tests."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain.content import Content
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.services import Services

CRASH_EXIT_CODE = 75


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    reminders = commands.add_parser("reminders", help="evaluation reminders and the digest")
    actions = reminders.add_subparsers(required=True, metavar="action")
    run = actions.add_parser(
        "run",
        help="send the reminders and the digest that are due, once, and the notifications "
        "about questions to expert teams",
    )
    run.add_argument("--now", help="pretend it is this moment, e.g. 2027-03-01T09:00 (local)")
    run.add_argument("--database", help="database URL (default: DATABASE_URL)")
    # A test hook: stop the process right after the first claim, before sending.
    run.add_argument("--exit-after-claim", action="store_true", help=argparse.SUPPRESS)
    run.set_defaults(run=run_reminders)
    status = actions.add_parser("status", help="what was sent, what could not be delivered")
    status.add_argument("--database", help="database URL (default: DATABASE_URL)")
    status.set_defaults(run=reminders_status)


async def run_reminders(args: argparse.Namespace, content: Content) -> int:
    services = _services(args)
    now = _moment(args.now, services.settings)

    def crash() -> None:
        os._exit(CRASH_EXIT_CODE)

    async def run() -> None:
        try:
            if args.exit_after_claim:
                services.ticket_notifier.after_claim = crash
            runner = services.reminder_runner(crash if args.exit_after_claim else lambda: None)
            report = await runner.run(now)
        finally:
            await services.adapter.sender.close()
        print(
            f"{now.isoformat()}: {report.sent} sent, {report.undelivered} undelivered, "
            f"{report.retried} to retry, {report.unreachable} without reach (geen bereik), digest "
            f"{'posted' if report.digest else 'not due'}"
        )
        for line in report.details:
            print(f"  {line}")
        tickets = await services.ticket_notifier.run(now)  # questions to expert teams
        print(
            f"tickets: {tickets.sent} sent, {tickets.undelivered} undelivered, "
            f"{tickets.reminders_queued} reminders queued, {tickets.deleted} closed deleted"
        )
        for line in tickets.details:
            print(f"  {line}")

    try:
        await run()
    finally:
        await services.database.close()
    return 0


async def reminders_status(args: argparse.Namespace, content: Content) -> int:
    services = _services(args)
    try:
        counts = await services.reminders.status_counts()
        print("Reminders: " + ", ".join(f"{status} {count}" for status, count in counts.items()))
        undelivered = await services.reminders.undelivered()
        print(f"Undelivered ({len(undelivered)}):")
        for record in undelivered:
            partnership = await services.partnerships.get(record.partnership_id)
            name = partnership.name if partnership else f"#{record.partnership_id}"
            print(
                f"  {name}: moment {record.due}, {record.lead_days} days ahead, {record.last_error}"
            )
        today = datetime.now(UTC).date()
        upcoming = await services.partnerships.upcoming(today + timedelta(days=60))
        reachable = await services.references.reachable(p.account_holder.id for p in upcoming)
        without = [p for p in upcoming if p.account_holder.id not in reachable]
        print(f"Account holders without reach, next 60 days ({len(without)}):")
        for partnership in without:
            print(f"  {partnership.name}: {partnership.account_holder.name or '?'}")
    finally:
        await services.database.close()
    return 0


def _services(args: argparse.Namespace) -> Services:
    # Imported here: loading botbuilder costs half a second that other commands need not pay.
    from bot.services import build_services

    settings = Settings.from_env()
    if args.database:
        settings = replace(settings, database_url=args.database)
    return build_services(settings)


def _moment(text: str | None, settings: Settings) -> datetime:
    if not text:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=settings.reminder_policy.zone)
    return moment.astimezone(UTC)
