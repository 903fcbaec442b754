"""PostgreSQL for the tests: a fresh schema per test in the database `TEST_DATABASE_URL` names.

`.ci/run` creates that database and drops it after the run. Without it, tests that need
PostgreSQL are skipped, or fail when `SAMENWERKWIJZER_POSTGRES_TEST=required` (as in CI).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

URL_VARIABLE = "TEST_DATABASE_URL"
REQUIRED_VARIABLE = "SAMENWERKWIJZER_POSTGRES_TEST"


def server_url() -> str:
    """The test database, or skip (fail when PostgreSQL is required)."""
    url = os.environ.get(URL_VARIABLE, "")
    if not url:
        reason = f"{URL_VARIABLE} is not set: no PostgreSQL to test on"
        if os.environ.get(REQUIRED_VARIABLE) == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema, dropped afterwards."""
    with schema_on(server_url()) as url:
        yield url


@contextmanager
def schema_on(url: str) -> Iterator[str]:
    """`url` with a new, empty schema of its own, dropped afterwards (also for bench/)."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
