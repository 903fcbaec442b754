"""Browser end to end: an appraisal in the Agents Playground, its result grid on a phone's width.

Same set-up as test_playground.py (the bot and the Playground on loopback ports, Debian's
Chromium driven by Playwright); `appraise.mjs` answers the appraisal with buttons and typed
text, narrows the page to 400 px and checks that the nine cells show their rating words, on
coloured backgrounds, within the card. Screenshot: tests/browser/artifacts/appraisal.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.browser.test_playground import (
    CHROMIUM,
    HERE,
    PLAYGROUND_CLI,
    ROOT,
    STEP_TIMEOUT_MS,
    _free_port,
    _playground_port,
    _require_browser_tools,
    _start,
    _wait_for_http,
    stack,
)

pytestmark = pytest.mark.browser
APPRAISE = HERE / "appraise.mjs"
SCREENSHOT = HERE / "artifacts" / "appraisal.png"
TIMEOUT = 150.0
__all__ = ["stack"]  # the fixture, shared with test_playground.py


def test_playground_renders_the_appraisal_grid_on_a_phone(stack: ExitStack, tmp_path: Path):
    _require_browser_tools()
    bot_port = _free_port()
    bot_env = {
        **os.environ,
        "PORT": str(bot_port),
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
        "SCHEDULER_INTERVAL_SECONDS": "0",
        "MicrosoftAppId": "",
        "MicrosoftAppPassword": "",
        "ALLOWED_TENANT_IDS": "",
        "CONTENT_DIR": "",
        "SAMENWERKWIJZER_CONTACTS": "",
    }
    bot = _start(stack, "bot", [sys.executable, str(ROOT / "app.py")], tmp_path / "bot", bot_env)
    playground_env = {
        **os.environ,
        "APPLICATION_INSIGHTS_NO_STATSBEAT": "1",
        "TEAMSAPPTESTER_BROWSER": "none",
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
        tmp_path / "playground",
        playground_env,
    )
    _wait_for_http(bot, f"http://127.0.0.1:{bot_port}/readyz")
    url = f"http://127.0.0.1:{_playground_port(playground)}"
    _wait_for_http(playground, url)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    appraise = _start(
        stack,
        "appraise",
        [
            "node",
            str(APPRAISE),
            "--url",
            url,
            "--screenshot",
            str(SCREENSHOT),
            "--chromium",
            str(CHROMIUM),
            "--timeout",
            str(STEP_TIMEOUT_MS),
        ],
        tmp_path / "appraise",
        dict(os.environ),
    )
    try:
        returncode = appraise.popen.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"appraise.mjs did not finish:\n{appraise.output()}", pytrace=False)
    report = f"{appraise.output()}\n--- bot\n{bot.output()}\n--- playground\n{playground.output()}"
    assert returncode == 0, report
    assert SCREENSHOT.is_file(), report
    print(appraise.output())
