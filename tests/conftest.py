"""Shared test setup: hypothesis profiles and where the Akool docs are."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from akool_mock.contract_tests.profiles import NO_SHRINK

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# The contract suite's `quick` (ci without shrinking: contract_tests/profiles.py), which mutation runs select.
settings.register_profile("quick", settings.get_profile("ci"), phases=NO_SHRINK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

REPO = Path(__file__).resolve().parent.parent
# Every `akool-mock serve` the suite starts inherits this: its webhooks may go to loopback receivers only, so
# a job whose webhookUrl is a docs example's host (https://your-server.com/...) is refused, never sent.
# The in-process guard below cannot reach into those child processes; a test's own --webhook-allow wins.
LOOPBACK_WEBHOOKS = "127.0.0.1:*,localhost:*,[::1]:*"
os.environ["AKOOL_MOCK_WEBHOOK_ALLOW"] = LOOPBACK_WEBHOOKS
# tests/contract_tests run the contract suite in a child pytest (pytester); plugins load only from here.
pytest_plugins = ["pytester"]


def docs_dir() -> Path | None:
    """The Akool docs: $AKOOL_DOCS, or ../shared/akool-docs beside the checkout (as in CI)."""
    candidates = [os.environ.get("AKOOL_DOCS"), str(REPO.parent / "shared" / "akool-docs")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "operations.tsv").exists():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def akool_docs() -> Path:
    """Tests that compare with the docs need them; CI sets AKOOL_DOCS_REQUIRED so absence fails."""
    found = docs_dir()
    if found is None:
        if os.environ.get("AKOOL_DOCS_REQUIRED"):
            pytest.fail("the Akool docs are required (AKOOL_DOCS_REQUIRED) but were not found")
        pytest.skip("the Akool docs are not beside this checkout; set AKOOL_DOCS to run this test")
    return found


@pytest.fixture(scope="session", autouse=True)
def _loopback_only() -> Iterator[None]:
    """Nothing in the suite may reach another host (tests/support/network.py)."""
    from tests.support.network import loopback_only

    with loopback_only():
        yield
