"""Starts `app.py` for the reliability tests, with two test-only adjustments from the
environment (the product has no setting for either):

- `RELIABILITY_LEASE_SECONDS`: the lease of reminder and ticket-notification claims (the
  product's is 10 minutes, a module constant), so that a takeover after SIGKILL is quick.
- `RELIABILITY_ANY_HOUR=1`: reminders may go out at any hour of any day (the product sends
  on working days from REMINDER_HOUR on), so the tests do not depend on the wall clock.

    python tests/reliability/launch.py   # with the usual app.py environment
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _adjust() -> None:
    from bot.domain import schedule
    from bot.reminders import runner, tickets

    lease = os.environ.get("RELIABILITY_LEASE_SECONDS")
    if lease:
        runner.LEASE = tickets.LEASE = timedelta(seconds=float(lease))
    if os.environ.get("RELIABILITY_ANY_HOUR") == "1":
        schedule.in_sending_hours = lambda now, policy: True


if __name__ == "__main__":
    _adjust()
    import app

    sys.exit(app.main())
