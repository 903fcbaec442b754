"""Question turns at 1, 10, 50 and 200 concurrent conversations against several setups in
one run: one instance on SQLite, one on PostgreSQL, two on PostgreSQL (conversations spread
round-robin over both ports, like a load balancer), and a bare aiohttp handler.

    TEST_DATABASE_URL=postgresql://root@127.0.0.1:5432/swtest \\
        .venv/bin/python bench/instances.py [--turns 400] [--levels 1,10,50,200]

Each bot is `python app.py` (auth off) in its own process, with a fresh SQLite file or a
fresh PostgreSQL schema (dropped afterwards); a connector stand-in on loopback receives the
replies (every turn must produce one). Prints turns/s, p50/p99 latency, failed turns and the
resident memory (RSS) of each bot process after each level. `--turns` is per level (at
least two per conversation).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.http_turns import BARE_HANDLER, run_level
from tests.bot.connector import ConnectorStandIn
from tests.postgres import schema_on
from tests.reliability.harness import BotProcess, free_port, rss_mb


class Bare:
    """The bare aiohttp handler in its own process."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-c", BARE_HANDLER, str(self.port)], stdin=subprocess.DEVNULL
        )
        self.messages_url = f"http://127.0.0.1:{self.port}/api/messages"
        self.pid = self.process.pid
        self.name = "bare"

    async def wait_ready(self) -> None:
        async with aiohttp.ClientSession() as session:
            for _ in range(400):
                try:
                    async with session.get(self.messages_url) as response:  # 405 once up
                        if response.status < 500:
                            return
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
        raise RuntimeError("the bare handler did not come up")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


async def bench_setup(
    label: str,
    processes: list[BotProcess] | list[Bare],
    stand_in: ConnectorStandIn,
    levels: list[int],
    turns: int,
    rows: list[str],
) -> None:
    urls = [process.messages_url for process in processes]
    await run_level(urls, stand_in.url, 2, 20, f"{label}-warm")  # content, pools, caches
    stand_in.sent.clear()
    for concurrency in levels:
        count = max(turns, 2 * concurrency)
        begin = time.perf_counter()
        latencies, failures = await run_level(
            urls, stand_in.url, concurrency, count, f"{label}-{concurrency}"
        )
        seconds = time.perf_counter() - begin
        replies = sum(1 for s in stand_in.sent if s.activity.get("type") == "message")
        stand_in.sent.clear()
        ms = sorted(value * 1000 for value in latencies) or [float("nan")]
        memory = " ".join(f"{rss_mb(p.pid):6.1f}" for p in processes)
        rows.append(
            f"{label:<22} {concurrency:>5} {count:>6} {len(latencies) / seconds:9.1f} "
            f"{statistics.median(ms):9.1f} {percentile(ms, 0.99):9.1f} "
            f"{failures:>6} {replies:>7}   {memory}"
        )
        print(rows[-1], flush=True)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=400, help="turns per level")
    parser.add_argument("--levels", default="1,10,50,200")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("TEST_DATABASE_URL", ""),
        help="PostgreSQL server URL (default: TEST_DATABASE_URL); empty: SQLite and bare only",
    )
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]

    header = (
        f"{'setup':<22} {'conv':>5} {'turns':>6} {'turns/s':>9} {'p50 ms':>9} {'p99 ms':>9} "
        f"{'failed':>6} {'replies':>7}   RSS MB per process"
    )
    rows: list[str] = []
    print(header, flush=True)
    stand_in = ConnectorStandIn()
    await stand_in.start()
    environment: dict[str, str | int | float] = {
        "LOG_LEVEL": "WARNING",
        "SCHEDULER_INTERVAL_SECONDS": 0,
    }
    try:
        with tempfile.TemporaryDirectory() as scratch:
            logs = Path(scratch)
            sqlite = BotProcess("sqlite", f"sqlite:///{scratch}/bench.db", logs, **environment)
            await _measure("1 x SQLite", [sqlite], stand_in, levels, args.turns, rows)
            if args.postgres:
                with schema_on(args.postgres) as url:
                    one = BotProcess("pg", url, logs, **environment)
                    await _measure("1 x PostgreSQL", [one], stand_in, levels, args.turns, rows)
                with schema_on(args.postgres) as url:
                    pair = [BotProcess(f"pg{n}", url, logs, **environment) for n in (1, 2)]
                    await _measure("2 x PostgreSQL", pair, stand_in, levels, args.turns, rows)
            else:
                print("(no PostgreSQL: set TEST_DATABASE_URL or --postgres)", flush=True)
            bare = Bare()
            try:
                await bare.wait_ready()
                await bench_setup("bare aiohttp", [bare], stand_in, levels, args.turns, rows)
            finally:
                bare.stop()
            for log in sorted(logs.glob("*.log")):
                warnings = [line for line in log.read_text().splitlines() if line.strip()]
                if warnings:
                    print(f"{log.stem}: {len(warnings)} log lines at WARNING or above, e.g.")
                    print("   ", warnings[0][:300])
    finally:
        await stand_in.close()
    print()
    print(header)
    print("\n".join(rows))


async def _measure(
    label: str,
    processes: list[BotProcess],
    stand_in: ConnectorStandIn,
    levels: list[int],
    turns: int,
    rows: list[str],
) -> None:
    try:
        for process in processes:
            process.start()
        for process in processes:
            await process.wait_ready()
        await bench_setup(label, processes, stand_in, levels, turns, rows)
    finally:
        for process in processes:
            process.stop()


if __name__ == "__main__":
    asyncio.run(main())
