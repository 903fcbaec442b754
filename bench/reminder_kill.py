"""How often does SIGKILL mid-send double a reminder? The at-least-once window, measured.

    TEST_DATABASE_URL=postgresql://root@127.0.0.1:5432/swtest \\
        .venv/bin/python bench/reminder_kill.py [--trials 10] [--reminders 30] [--delay 0.3]

Each trial (a fresh PostgreSQL schema): two `python app.py` instances with the background
loop every second send due reminders through a connector stand-in that takes `--delay`
seconds to answer each message (it counts a message as delivered on arrival); instance A is
killed with SIGKILL at a random moment of the sending (uniform over the time the sends are
expected to take, from the first arrival on). The claim lease is cut to 6 s
(tests/reliability/launch.py; the product's is 10 minutes), then instance B sends what A
left. Per trial: reminders lost (must be 0), doubled, and whether A had a send in flight.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.postgres import schema_on
from tests.reliability.harness import ScriptedConnector
from tests.reliability.reminders import kill_during_sends


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--reminders", type=int, default=30)
    parser.add_argument("--delay", type=float, default=0.3, help="connector answer time, s")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    if not args.postgres:
        print("needs PostgreSQL: set TEST_DATABASE_URL or --postgres", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    lost = doubled = window = 0
    print("trial  kill_at_s  arrived  A_at_connector  taken_over  received  doubled  seconds")
    for trial in range(1, args.trials + 1):
        # Two senders, each send the connector's answer time plus ~20 ms of the bot's own.
        sending = args.reminders / 2 * (args.delay + 0.02)
        kill_at = rng.uniform(0, sending * 0.8)
        connector = ScriptedConnector()
        await connector.start()
        try:
            with schema_on(args.postgres) as url, tempfile.TemporaryDirectory() as logs:
                async with aiohttp.ClientSession() as session:
                    report = await kill_during_sends(
                        url,
                        connector,
                        session,
                        Path(logs),
                        reminders=args.reminders,
                        kill_after=1,
                        delay=args.delay,
                        then_wait=kill_at,
                    )
        finally:
            await connector.close()
        lost += report.reminders - report.received
        doubled += report.duplicates
        window += report.in_flight_at_kill > 0
        print(
            f"{trial:>5}  {kill_at:9.2f}  {report.received_before_kill:>7}"
            f"  {report.in_flight_at_kill:>14}  "
            f"{report.taken_over:>10}  {report.received:>8}  {report.duplicates:>7}  "
            f"{report.seconds:7.1f}",
            flush=True,
        )
    print(
        f"\n{args.trials} kills: {lost} reminders lost, {doubled} doubled; the kill landed"
        f" while A had a send at the connector in {window} of {args.trials}"
        f" (connector answer time {args.delay} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
