"""`python -m bot tickets list`: questions to the expert teams, for administrators."""

from __future__ import annotations

import argparse
import json

from bot.domain.content import Content
from bot.domain.tickets import TicketStatus
from bot.settings import Settings
from bot.store.database import open_database
from bot.store.tickets import TicketRepository


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    tickets = commands.add_parser("tickets", help="questions to the expert teams")
    actions = tickets.add_subparsers(required=True, metavar="action")
    listing = actions.add_parser("list", help="list tickets (all, or filtered)")
    listing.add_argument("--team", help="expert team code, e.g. JUR")
    listing.add_argument("--status", choices=[status.value for status in TicketStatus])
    listing.add_argument(
        "--unrouted",
        action="store_true",
        help="only open tickets not posted in a channel (their team has no bound channel)",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.add_argument("--database", help="database URL (default: DATABASE_URL)")
    listing.set_defaults(run=list_tickets)


async def list_tickets(args: argparse.Namespace, content: Content) -> int:
    url = args.database or Settings.from_env().database_url
    database = open_database(url)
    try:
        repository = TicketRepository(database)
        found = await repository.find(team=args.team, status=args.status, unrouted=args.unrouted)
        ended = [b for b in await repository.bindings() if not b.active]
    finally:
        await database.close()
    if args.json:
        rows = [
            {
                "id": t.id,
                "team": t.team,
                "status": t.status.value,
                "question": t.question,
                "asker": t.asker_name,
                "item": t.item_id,
                "partnership": t.partnership_id,
                "picked_up_by": t.picked_up_by,
                "answer": t.answer,
                "routed": t.routed,
                "created_at": t.created_at.isoformat(),
                "updated_at": t.updated_at.isoformat(),
            }
            for t in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"Tickets ({len(found)}):")
    for t in found:
        routed = "" if t.routed else ", not in a channel"
        print(f"  #{t.id} {t.team} {t.status.value}{routed}, {t.created_at:%Y-%m-%d}: {t.question}")
    if ended:
        print("Channels unbound by Teams or by hand:")
        for binding in ended:
            when = f"{binding.unbound_at:%Y-%m-%d}" if binding.unbound_at else "?"
            print(f"  {binding.team}: {binding.unbound_reason} on {when}")
    return 0
