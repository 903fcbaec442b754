from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: drives the Agents Playground in headless Chromium "
        "(needs /usr/bin/chromium and `npm ci --prefix tests/browser`)",
    )
