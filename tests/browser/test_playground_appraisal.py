"""Browser end to end: an appraisal in the Agents Playground, its result grid on a phone's width.

Same set-up as test_playground.py (the bot and the Playground on loopback ports, Debian's
Chromium driven by Playwright); `appraise.mjs` answers the appraisal with buttons and typed
text, narrows the page to 400 px and checks that the nine cells show their rating words, on
coloured backgrounds, within the card. Screenshot: tests/browser/artifacts/appraisal.png.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.browser.test_playground import (
    CHROMIUM,
    HERE,
    STEP_TIMEOUT_MS,
    _start,
    stack,
    start_bot_and_playground,
)

pytestmark = pytest.mark.browser
APPRAISE = HERE / "appraise.mjs"
SCREENSHOT = HERE / "artifacts" / "appraisal.png"
TIMEOUT = 150.0
__all__ = ["stack"]  # the fixture, shared with test_playground.py


def test_playground_renders_the_appraisal_grid_on_a_phone(stack: ExitStack, tmp_path: Path):
    running = start_bot_and_playground(stack, tmp_path)
    bot, playground, url = running.bot, running.playground, running.url
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
