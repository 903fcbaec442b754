"""What the reliability campaign runs on: bot processes, a scriptable connector stand-in, a TCP
proxy that can cut PostgreSQL off, and Teams users. Also used by the bench scripts.

Everything listens on 127.0.0.1 only, and everything started here is stopped by its owner.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from aiohttp import web

from tests.bot.conftest import Teams
from tests.bot.connector import ConnectorStandIn, Sent

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("launch.py")
APOLOGY_START = "Sorry, er ging iets mis aan mijn kant."  # content/messages.yaml: error


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def local_ports(pid: int) -> set[int]:
    """The local TCP ports of the process's sockets (IPv4, from /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    ports = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[9] in inodes:
            ports.add(int(fields[1].split(":")[1], 16))
    return ports


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- bot processes -------------------------------------------------------------------------


class BotProcess:
    """`python app.py` (through tests/reliability/launch.py) on a free loopback port."""

    def __init__(
        self, name: str, database_url: str, log_dir: Path, **environment: str | int | float
    ) -> None:
        self.name = name
        self.port = free_port()
        self.log_path = log_dir / f"{name}.log"
        self.environment = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "INFO",
            "SCHEDULER_INTERVAL_SECONDS": "0",
            "MicrosoftAppId": "",
            "MicrosoftAppPassword": "",
            **{key: str(value) for key, value in environment.items()},
        }
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def messages_url(self) -> str:
        return f"{self.url}/api/messages"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> BotProcess:
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, str(LAUNCHER)],
            cwd=ROOT,
            env=self.environment,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        return self

    async def wait_ready(self, seconds: float = 30.0) -> None:
        """Until /healthz answers (the port is bound); fails with the log if it exits."""
        deadline = time.monotonic() + seconds
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                if self.process is None or self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited:\n{self.log_tail()}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"{self.url}/healthz") as response:
                        if response.status == 200:
                            return
                await asyncio.sleep(0.05)
        raise RuntimeError(f"{self.name} did not come up in {seconds} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no shutdown, connections dropped by the kernel."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self._reap()

    def stop(self) -> int | None:
        """SIGTERM and wait (SIGKILL after 25 s); the exit code."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self._reap()

    def _reap(self) -> int | None:
        code = self.process.wait() if self.process is not None else None
        if self._log is not None:
            self._log.close()
            self._log = None
        return code

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@contextlib.asynccontextmanager
async def started(*bots: BotProcess) -> AsyncIterator[tuple[BotProcess, ...]]:
    """Start all, wait until each listens, and stop every one afterwards."""
    try:
        for bot in bots:
            bot.start()
        await asyncio.gather(*(bot.wait_ready() for bot in bots))
        yield bots
    finally:
        for bot in bots:
            bot.stop()


# --- the connector stand-in ----------------------------------------------------------------


@dataclass
class ScriptedConnector(ConnectorStandIn):
    """The connector stand-in, slow or throttling on demand.

    `delay`: seconds before it answers a message; the message counts as delivered when it
    arrives, also when the sender is gone by the time of the answer (as with Teams).
    `throttle`: the share of new messages and card updates (not replies in a turn) answered
    429 with `retry_after`.
    """

    delay: float = 0.0
    throttle: float = 0.0
    seed: int = 7
    attempts: int = 0  # every message or update that arrived, throttled or not
    proactive_attempts: int = 0  # of those: new messages and card updates (not replies)
    in_flight: int = 0
    in_flight_ports: Counter[int] = field(default_factory=Counter)  # senders' local ports
    _random: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._random.seed(self.seed)

    def _throttled(self) -> web.Response | None:
        if self.throttle and self._random.random() < self.throttle:
            self.refused.append(429)
            return web.json_response(
                {"error": {"code": "Throttled"}},
                status=429,
                headers={"Retry-After": self.retry_after},
            )
        return None

    async def _receive(self, request: web.Request) -> web.Response:
        self.attempts += 1
        proactive = "reply_to" not in request.match_info
        self.proactive_attempts += proactive
        if proactive and (refused := self._throttled()):
            return refused
        if not self.delay:
            return await super()._receive(request)
        # Accepted (and recorded) as it arrives; the answer comes after `delay`, and a sender
        # that dies meanwhile never learns that its message went out.
        activity = await request.json()
        self.sent.append(
            Sent(
                conversation_id=request.match_info["conversation"],
                reply_to=request.match_info.get("reply_to"),
                activity=activity,
                authorization=request.headers.get("Authorization"),
            )
        )
        peer = request.transport.get_extra_info("peername") if request.transport else None
        port = int(peer[1]) if peer else 0
        self.in_flight += 1
        self.in_flight_ports[port] += 1
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
            self.in_flight_ports[port] -= 1
        return web.json_response({"id": f"sent-{next(self._ids)}"})

    async def _update(self, request: web.Request) -> web.Response:
        self.attempts += 1
        self.proactive_attempts += 1
        if refused := self._throttled():
            return refused
        return await super()._update(request)

    def per_conversation(self) -> Counter[str]:
        return Counter(s.conversation_id for s in self.messages())


# --- Teams users ---------------------------------------------------------------------------


class User(Teams):
    """A person in their personal chat with the bot (one Entra id each)."""

    def __init__(self, service_url: str, name: str) -> None:
        super().__init__(service_url)
        self.name = name
        self.user_id = f"29:{name}"
        self.aad = f"aad-{name}"

    def activity(self, type_: str, **fields: Any) -> dict[str, Any]:
        activity = super().activity(type_, **fields)
        activity["from"] = {"id": self.user_id, "name": self.name, "aadObjectId": self.aad}
        return activity


async def send(
    session: aiohttp.ClientSession, bot: BotProcess | str, activity: dict[str, Any]
) -> tuple[int, float]:
    """POST one activity; its HTTP status and how long the answer took."""
    url = bot if isinstance(bot, str) else bot.messages_url
    begin = time.perf_counter()
    async with session.post(url, json=activity) as response:
        await response.read()
        return response.status, time.perf_counter() - begin


# --- a TCP proxy in front of PostgreSQL ----------------------------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:port to a target, in a thread of its own (so that synchronous
    connects in the process that uses it cannot block it). `cut()` closes every connection
    and refuses new ones; `restore()` listens again on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._links: set[asyncio.StreamWriter] = set()
        self.connections = 0

    def via(self, url: str) -> str:
        """`url` with this proxy as its host and port."""
        parts = urlsplit(url)
        user = f"{parts.username}@" if parts.username else ""
        return urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{self.port}"))

    def start(self) -> TcpProxy:
        self._thread.start()
        self._call(self._listen())
        return self

    def cut(self) -> None:
        self._call(self._cut())

    def restore(self) -> None:
        self._call(self._listen())

    def close(self) -> None:
        self._call(self._cut())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def _call(self, coroutine: Any) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._link, "127.0.0.1", self.port, reuse_address=True
        )

    async def _cut(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._links):
            writer.transport.abort()
        self._links.clear()

    async def _link(
        self, client_reader: asyncio.StreamReader, client: asyncio.StreamWriter
    ) -> None:
        self.connections += 1
        try:
            server_reader, server = await asyncio.open_connection(*self.target)
        except OSError:
            client.transport.abort()
            return
        self._links |= {client, server}

        async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except (OSError, asyncio.IncompleteReadError):
                pass
            finally:
                writer.transport.abort()
                self._links.discard(writer)

        await asyncio.gather(pump(client_reader, server), pump(server_reader, client))


def target_of(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 5432
