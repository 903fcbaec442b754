"""Browser end to end: the real bot in the Microsoft 365 Agents Playground, in headless Chromium.

Starts `python app.py` and the Playground (npm `@microsoft/m365agentsplayground`) on free
loopback ports, then runs `ask.mjs`, which drives the Playground's page with Playwright in
Debian's Chromium: welcome card, one question, the answer card with its expert team, and a
screenshot in `tests/browser/artifacts/`.

Needs /usr/bin/chromium (`apt-get install chromium`), Node.js 20+ and
`npm ci --prefix tests/browser`. Without them the test is skipped, unless
SAMENWERKWIJZER_BROWSER_TEST=required (CI sets it): then it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
PLAYGROUND_CLI = HERE / "node_modules" / "@microsoft" / "m365agentsplayground" / "cli.js"
PLAYWRIGHT = HERE / "node_modules" / "playwright-core" / "package.json"
ASK = HERE / "ask.mjs"
SCREENSHOT = HERE / "artifacts" / "answer.png"
REQUIRED_ENV = "SAMENWERKWIJZER_BROWSER_TEST"

QUESTION = "moeten we een verwerkersovereenkomst afsluiten?"
EXPECTED = ["Is er een verwerkersovereenkomst benodigd?", "Informatiebeheer & Control (IBC)"]
# Steps after the answer, each with a text its reply shows: a welcome menu button, a theme
# button, a step-by-step intake answered with a button, then a described partnership.
STEPS = [
    ("click", "Thema's", "Kies een thema"),
    ("click", "Juridisch", "Is er sprake van staatssteun?"),
    ("click", "Intake starten", "Formulier invullen"),
    ("click", "Stap voor stap in de chat", "Vraag 1 van 8"),
    ("click", "Ja", "Vraag 2 van 8"),
    ("say", "stop", "1 van 8 vragen beantwoord"),
    (
        "say",
        "We gaan met vijf gemeenten een regionaal bureau opzetten. Twee collega's worden "
        "gedetacheerd. De klantgegevens komen in één systeem. Wie moet ik erbij halen?",
        "Dit is belangrijk voor jouw samenwerking",
    ),
]

START_TIMEOUT = 30.0  # seconds for the bot and for the Playground to answer HTTP
STEP_TIMEOUT_MS = 20_000  # each browser step: page load, welcome card, answer card
ASK_TIMEOUT = 150.0  # the whole browser script, as a last resort


def _missing() -> list[str]:
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if shutil.which("node") is None:
        missing.append("node (Node.js 20+)")
    if not PLAYGROUND_CLI.is_file() or not PLAYWRIGHT.is_file():
        missing.append("tests/browser/node_modules (npm ci --prefix tests/browser)")
    return missing


def _require_browser_tools() -> None:
    missing = _missing()
    if not missing:
        return
    reason = "browser check needs " + ", ".join(missing)
    if os.environ.get(REQUIRED_ENV) == "required":
        pytest.fail(f"{reason}; {REQUIRED_ENV}=required forbids skipping", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Process:
    """A child process in its own process group, its output in a log file."""

    def __init__(self, name: str, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.name = name
        self.log = cwd / f"{name}.log"
        with self.log.open("wb") as out:
            self.popen = subprocess.Popen(
                args,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self, last: int = 40) -> str:
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-last:])

    def check_running(self) -> None:
        if self.popen.poll() is not None:
            pytest.fail(
                f"{self.name} exited with {self.popen.returncode}:\n{self.output()}", pytrace=False
            )

    def stop(self) -> None:
        if self.popen.poll() is None:
            for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.popen.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.popen.wait(timeout=grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.popen.wait(timeout=5)


def _start(stack: ExitStack, name: str, args: list[str], cwd: Path, env: dict[str, str]) -> Process:
    cwd.mkdir(parents=True, exist_ok=True)
    process = Process(name, args, cwd, env)
    stack.callback(process.stop)
    return process


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no http_proxy for loopback


def _wait_for_http(process: Process, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        process.check_running()
        try:
            with _DIRECT.open(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(
                f"{process.name} did not answer {url} within {START_TIMEOUT:.0f} s:\n"
                f"{process.output()}",
                pytrace=False,
            )
        time.sleep(0.2)


def _playground_port(process: Process) -> int:
    """The port it listens on: the one asked for, or a random one if that was taken."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        process.check_running()
        found = re.search(r"Listening on (\d+)", process.output())
        if found:
            return int(found.group(1))
        if time.monotonic() > deadline:
            pytest.fail(
                f"the Playground did not start within {START_TIMEOUT:.0f} s:\n{process.output()}",
                pytrace=False,
            )
        time.sleep(0.2)


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    with ExitStack() as processes:
        yield processes


@dataclass(frozen=True)
class Running:
    bot: Process
    playground: Process
    url: str  # the Playground's page


def start_bot_and_playground(stack: ExitStack, tmp_path: Path) -> Running:
    """The real bot (python app.py) and the Agents Playground on free loopback ports."""
    _require_browser_tools()
    bot_port = _free_port()
    bot_env = {
        **os.environ,
        "PORT": str(bot_port),
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "SCHEDULER_INTERVAL_SECONDS": "0",
        "LOG_LEVEL": "INFO",
        # Local mode and the shipped content, whatever the developer's shell says.
        "MicrosoftAppId": "",
        "MicrosoftAppPassword": "",
        "ALLOWED_TENANT_IDS": "",
        "CONTENT_DIR": "",
        "SAMENWERKWIJZER_CONTACTS": "",
    }
    # Started from a scratch folder, so no developer's .env is read.
    bot = _start(stack, "bot", [sys.executable, str(ROOT / "app.py")], tmp_path / "bot", bot_env)

    playground_env = {
        **os.environ,
        "APPLICATION_INSIGHTS_NO_STATSBEAT": "1",  # its telemetry would probe outside addresses
        "TEAMSAPPTESTER_BROWSER": "none",  # do not open a desktop browser
    }
    playground = _start(
        stack,
        "playground",
        [
            "node",
            str(PLAYGROUND_CLI),
            "-e",
            f"http://127.0.0.1:{bot_port}/api/messages",
            "-c",
            "msteams",
            "--disable-telemetry",
            "-p",
            str(_free_port()),
        ],
        tmp_path / "playground",  # it writes devTools/ logs into its working folder
        playground_env,
    )

    _wait_for_http(bot, f"http://127.0.0.1:{bot_port}/readyz")
    playground_url = f"http://127.0.0.1:{_playground_port(playground)}"
    _wait_for_http(playground, playground_url)
    return Running(bot, playground, playground_url)


def test_playground_renders_the_answer_card_with_its_expert_team(
    stack: ExitStack, tmp_path: Path
) -> None:
    running = start_bot_and_playground(stack, tmp_path)
    bot, playground, playground_url = running.bot, running.playground, running.url

    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    expects = [arg for text in EXPECTED for arg in ("--expect", text)]
    steps = [arg for kind, what, reply in STEPS for arg in ("--step", f"{kind}:{what}=>{reply}")]
    ask = _start(
        stack,
        "ask",
        [
            "node",
            str(ASK),
            "--url",
            playground_url,
            "--question",
            QUESTION,
            *expects,
            *steps,
            "--screenshot",
            str(SCREENSHOT),
            "--chromium",
            str(CHROMIUM),
            "--timeout",
            str(STEP_TIMEOUT_MS),
        ],
        tmp_path / "ask",
        dict(os.environ),
    )
    try:
        returncode = ask.popen.wait(timeout=ASK_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"ask.mjs did not finish within {ASK_TIMEOUT:.0f} s:\n{ask.output()}", pytrace=False
        )

    report = (
        f"ask.mjs exited with {returncode}:\n{ask.output()}\n"
        f"--- bot\n{bot.output()}\n--- playground\n{playground.output()}"
    )
    assert returncode == 0, report
    assert SCREENSHOT.is_file(), f"no screenshot at {SCREENSHOT}\n{report}"
    print(ask.output())
