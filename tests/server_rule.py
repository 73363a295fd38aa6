"""What a test does when the server it needs (PostgreSQL, Dovecot) is not installed.

On a developer's machine it is skipped, saying why. CI installs both and sets
TRACKER_TEST_SERVERS=required (`.ci/run`), so there a missing server fails the run instead of
quietly skipping the tests that need it.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

REQUIRED = "TRACKER_TEST_SERVERS"


def server_missing(reason: str) -> NoReturn:
    """Skip (or, where servers are required, fail) the test for want of a server program."""
    if os.environ.get(REQUIRED) == "required":
        pytest.fail(f"{reason} ({REQUIRED}=required)", pytrace=False)
    pytest.skip(reason)
