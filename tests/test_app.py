"""`python app.py` as a service: listening only once bound, one clear line when the port is
taken, and SIGTERM finishes the running turns and stops the reminder loop."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer

from tests.bot.conftest import Teams

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    return {
        **keep,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "SCHEDULER_INTERVAL_SECONDS": "0",
        **extra,
    }


async def _start(tmp_path: Path, port: int, **extra: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "app.py",
        cwd=tmp_path,
        env=_environment(tmp_path, port, **extra),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def _in_tmp(tmp_path: Path) -> None:
    """app.py and the content it reads, with tmp_path as the working folder (no .env)."""
    (tmp_path / "app.py").symlink_to(ROOT / "app.py")
    (tmp_path / "content").symlink_to(ROOT / "content")


async def test_a_port_in_use_gives_one_clear_line_and_exit_code_2(tmp_path):
    _in_tmp(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await _start(tmp_path, port)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    lines = [line for line in stderr.decode().splitlines() if '"level"' not in line]
    assert lines == [
        f"Cannot start: port {port} on 127.0.0.1 is already in use "
        "(is the bot running already? set PORT to another port)"
    ]
    assert "listening" not in stderr.decode() and "Traceback" not in stderr.decode()


async def _log_until(process: asyncio.subprocess.Process, message: str) -> list[dict[str, Any]]:
    assert process.stderr is not None
    seen: list[dict[str, Any]] = []
    while True:
        line = await asyncio.wait_for(process.stderr.readline(), 30)
        assert line, f"the bot ended before logging {message!r}: {seen}"
        entry = json.loads(line)
        seen.append(entry)
        if entry["message"].startswith(message):
            return seen


async def test_listening_is_logged_once_bound_and_sigterm_finishes_the_running_turn(tmp_path):
    _in_tmp(tmp_path)
    replies: list[dict[str, Any]] = []

    async def slow_connector(request: web.Request) -> web.Response:
        await asyncio.sleep(1.0)  # the turn is still running when SIGTERM comes
        replies.append(await request.json())
        return web.json_response({"id": "sent-1"})

    connector_app = web.Application()
    connector_app.router.add_post("/v3/conversations/{conversation}/{tail:.*}", slow_connector)
    connector = TestServer(connector_app, host="127.0.0.1")
    await connector.start_server()
    port = _free_port()
    process = await _start(tmp_path, port, SCHEDULER_INTERVAL_SECONDS="3600")
    try:
        await _log_until(process, "listening on http://127.0.0.1:")
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            pass  # bound before it said so
        activity = Teams(f"http://127.0.0.1:{connector.port}/").message("help")
        async with ClientSession() as session:
            turn = asyncio.create_task(
                session.post(f"http://127.0.0.1:{port}/api/messages", json=activity)
            )
            await asyncio.sleep(0.5)
            process.send_signal(signal.SIGTERM)
            response = await asyncio.wait_for(turn, 30)
            assert response.status == 201
        assert len(replies) == 1  # the reply went out before the bot stopped
        logged = await _log_until(process, "stopped")
        messages = [entry["message"] for entry in logged]
        assert "reminder loop stopped" in messages
        assert "stopping: no new requests; running turns finish" in messages
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await connector.close()
