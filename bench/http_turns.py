"""Question turns through the real HTTP endpoint, next to a bare aiohttp handler.

    .venv/bin/python bench/http_turns.py [--levels 1,10,50,200] [--turns 400]
                                         [--memory-turns 10000]

Starts `python app.py` (auth off, a fresh SQLite file) and a bare aiohttp handler that parses
the activity and posts one reply, each in its own process; a connector stand-in on loopback
receives the replies. For each number of concurrent conversations it prints, for both, turns
per second, p50/p99 latency and the CPU time the process spent per turn (user + system, from
/proc: steadier than wall-clock figures on a shared machine), the bot's resident memory, and
the bot's turns per second as a share of the bare handler's. Each level runs `--turns` turns
(at least five per conversation). Then the bot's memory before and after many more turns.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.bot.connector import ConnectorStandIn
from tests.reliability.harness import free_port, rss_mb

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = (
    "moeten we een verwerkersovereenkomst afsluiten",
    "staatsteun bij een subsidie aan de stichting",
    "wie betaalt de loonkosten van gedetacheerde collega's",
    "hoe leggen we verantwoording af over de financiën",
    "wie is ibc",
)
BARE_HANDLER = """
import json, sys
from aiohttp import ClientSession, web

async def on_startup(app):
    app["session"] = ClientSession()

async def on_cleanup(app):
    await app["session"].close()

async def messages(request):
    activity = json.loads(await request.read())
    reply = {"type": "message", "text": "antwoord", "replyToId": activity["id"]}
    url = (f"{activity['serviceUrl']}v3/conversations/{activity['conversation']['id']}"
           f"/activities/{activity['id']}")
    async with request.app["session"].post(url, json=reply) as response:
        await response.read()
    return web.Response(status=201)

app = web.Application()
app.on_startup.append(on_startup)
app.on_cleanup.append(on_cleanup)
app.router.add_post("/api/messages", messages)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
"""


def _cpu_seconds(pid: int) -> float:
    """User plus system time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _wait_ready(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            try:
                async with session.get(url) as response:  # 405 once it listens
                    if response.status < 500:
                        return
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def turn_activity(turn: int, user: str, service_url: str) -> dict[str, object]:
    """The `turn`-th question of a benchmark run, from `user` in a personal chat of its own."""
    return {
        "type": "message",
        "id": f"m{turn}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": f"29:user-{user}", "aadObjectId": f"aad-{user}"},
        "recipient": {"id": "28:bot"},
        "conversation": {"id": f"a:{user}", "conversationType": "personal"},
        "text": QUESTIONS[turn % len(QUESTIONS)],
    }


async def run_level(
    urls: list[str], service_url: str, conversations: int, turns: int, tag: str
) -> tuple[list[float], int]:
    """`turns` question turns over `conversations` conversations, each one turn at a time;
    conversation n goes to urls[n % len(urls)]. Latencies of the good turns, failures."""
    counter = itertools.count()
    latencies: list[float] = []
    failures = 0

    async def conversation(number: int, session: aiohttp.ClientSession) -> None:
        nonlocal failures
        url = urls[number % len(urls)]
        while (turn := next(counter)) < turns:
            activity = turn_activity(turn, f"{tag}-{number}", service_url)
            begin = time.perf_counter()
            async with session.post(url, json=activity) as response:
                await response.read()
                if response.status != 201:
                    failures += 1
                    continue
            latencies.append(time.perf_counter() - begin)

    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(conversation(n, session) for n in range(conversations)))
    return latencies, failures


async def _run(url: str, service_url: str, concurrency: int, turns: int) -> list[float]:
    latencies, failures = await run_level([url], service_url, concurrency, turns, "bench")
    if failures:
        raise RuntimeError(f"{failures} turns were not answered with 201")
    return latencies


def _report(
    label: str, latencies: list[float], seconds: float, cpu_seconds: float, rss: str = ""
) -> float:
    """Prints one line; returns turns per second."""
    ms = sorted(value * 1000 for value in latencies)
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    rate = len(ms) / seconds
    print(
        f"  {label:<16} {rate:8.1f} turns/s  p50={statistics.median(ms):7.2f} ms  "
        f"p99={p99:7.2f} ms  CPU {cpu_seconds * 1000 / len(ms):5.2f} ms/turn{rss}"
    )
    return rate


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="1,10,50,200", help="concurrent conversations")
    parser.add_argument("--turns", type=int, default=400, help="turns per level")
    parser.add_argument("--memory-turns", type=int, default=10_000)
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]

    stand_in = ConnectorStandIn()
    await stand_in.start()
    with tempfile.TemporaryDirectory() as scratch:
        bot_port, bare_port = free_port(), free_port()
        environment = {
            **os.environ,
            "PORT": str(bot_port),
            "DATABASE_URL": f"sqlite:///{scratch}/bench.db",
            "LOG_LEVEL": "WARNING",
        }
        bot = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=environment)
        bare = subprocess.Popen([sys.executable, "-c", BARE_HANDLER, str(bare_port)])
        try:
            processes = {"samenwerkwijzer": bot, "bare aiohttp": bare}
            targets = {
                "samenwerkwijzer": f"http://127.0.0.1:{bot_port}/api/messages",
                "bare aiohttp": f"http://127.0.0.1:{bare_port}/api/messages",
            }
            for url in targets.values():
                await _wait_ready(url)
            for concurrency in levels:
                turns = max(args.turns, 5 * concurrency)
                print(f"c={concurrency} ({turns} turns)")
                rates = {}
                for label, url in targets.items():
                    pid = processes[label].pid
                    await _run(url, stand_in.url, concurrency, max(50, concurrency))  # warm up
                    stand_in.sent.clear()
                    cpu, begin = _cpu_seconds(pid), time.perf_counter()
                    latencies = await _run(url, stand_in.url, concurrency, turns)
                    seconds, cpu = time.perf_counter() - begin, _cpu_seconds(pid) - cpu
                    rss = f"  RSS {rss_mb(pid):.0f} MB" if label == "samenwerkwijzer" else ""
                    rates[label] = _report(label, latencies, seconds, cpu, rss)
                    replies = [s for s in stand_in.sent if s.activity.get("type") == "message"]
                    assert len(replies) == turns, "every turn must reach the connector"
                    stand_in.sent.clear()
                share = 100 * rates["samenwerkwijzer"] / rates["bare aiohttp"]
                print(f"  samenwerkwijzer does {share:.1f} % of the bare handler's turns/s")
            before = rss_mb(bot.pid)
            await _run(targets["samenwerkwijzer"], stand_in.url, 10, args.memory_turns)
            stand_in.sent.clear()
            print(
                f"bot memory (RSS): {before:.1f} MB before, {rss_mb(bot.pid):.1f} MB after "
                f"{args.memory_turns} more turns"
            )
        finally:
            for process in (bot, bare):
                process.terminate()
                process.wait(timeout=10)
            await stand_in.close()


if __name__ == "__main__":
    asyncio.run(main())
