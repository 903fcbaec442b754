"""Sending many reminders through a connector stand-in that enforces Teams-like limits.

    .venv/bin/python bench/send_reminders.py [--reminders 1000] [--app-limit 50]

Registers that many partnerships (each with its own account holder, reachable in personal
chat, evaluation a week ahead), then runs the reminder loop once. The stand-in answers 429
(Retry-After: 1) when the app sends more than --app-limit messages in a second, or more than
one per second to a conversation. Prints the duration, the rate, the 429s and checks that
every reminder arrived exactly once.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bot.domain.register import Partnership, Person
from bot.services import build_services
from bot.settings import Settings
from bot.teams.proactive import Pacing, ProactiveSender

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


class LimitedConnector:
    """Counts what arrives; refuses what exceeds the per-app and per-conversation limits."""

    def __init__(self, app_limit: int) -> None:
        self.app_limit = app_limit
        self.recent: deque[float] = deque()
        self.last_by_conversation: dict[str, float] = {}
        self.delivered: Counter[str] = Counter()
        self.throttled = 0

    async def receive(self, request: web.Request) -> web.Response:
        conversation = request.match_info["conversation"]
        now = time.monotonic()
        while self.recent and now - self.recent[0] > 1.0:
            self.recent.popleft()
        too_fast = now - self.last_by_conversation.get(conversation, -10.0) < 1.0
        if len(self.recent) >= self.app_limit or too_fast:
            self.throttled += 1
            return web.json_response({}, status=429, headers={"Retry-After": "1"})
        self.recent.append(now)
        self.last_by_conversation[conversation] = now
        await request.read()
        self.delivered[conversation] += 1
        return web.json_response({"id": "x"})


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reminders", type=int, default=1000)
    parser.add_argument("--app-limit", type=int, default=50)
    parser.add_argument("--pace", type=float, help="bot's own rate (default: 80%% of the limit)")
    args = parser.parse_args()

    connector = LimitedConnector(args.app_limit)
    app = web.Application()
    app.router.add_post("/v3/conversations/{conversation}/activities", connector.receive)
    app.router.add_post("/v3/conversations/{conversation}/activities/{reply}", connector.receive)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    service_url = f"http://127.0.0.1:{server.port}/"
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(database_url=f"sqlite:///{scratch}/bench.db")
        services = build_services(settings)
        for number in range(args.reminders):
            person = Person(f"aad-{number}", f"Accounthouder {number}")
            await services.partnerships.add(
                Partnership(
                    None,
                    f"Samenwerking {number}",
                    "",
                    (),
                    "overeenkomst",
                    False,
                    "implementeren",
                    frozenset(),
                    person,
                    person,
                    NOW.date() + timedelta(days=7),
                    "jaarlijks",
                    NOW,
                )  # fmt: skip
            )
            reference = {
                "channelId": "msteams",
                "serviceUrl": service_url,
                "conversation": {"id": f"a:chat-{number}", "conversationType": "personal"},
                "bot": {"id": "28:bot"},
                "user": {"id": f"29:user-{number}"},
            }
            key = f"user:aad-{number}"
            await services.references.save(key, "personal", f"aad-{number}", reference, NOW)
        pace = args.pace or args.app_limit * 0.8
        pacing = Pacing(per_conversation_seconds=1.0, per_app_per_second=pace)
        sender = ProactiveSender(services.adapter, "", pacing)
        runner = replace(services, proactive=sender).reminder_runner()
        begin = time.perf_counter()
        report = await runner.run(NOW)
        seconds = time.perf_counter() - begin
        await services.adapter.sender.close()
        await services.database.close()
    await server.close()
    pace = args.pace or args.app_limit * 0.8
    doubled = sum(1 for count in connector.delivered.values() if count > 1)
    print(f"reminders sent     {report.sent} in {seconds:.1f} s = {report.sent / seconds:.1f}/s")
    print(
        f"stand-in limit     {args.app_limit}/s per app, 1/s per conversation; bot paces {pace}/s"
    )
    print(f"429 answers        {connector.throttled}")
    print(f"undelivered        {report.undelivered}")
    print(f"arrived            {len(connector.delivered)} conversations, {doubled} twice")


if __name__ == "__main__":
    asyncio.run(main())
