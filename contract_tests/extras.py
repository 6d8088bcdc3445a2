"""What the contract suite needs beyond the core install, and the one message that says how to get it.

The `akool` plugin and its fixtures work with the core install; the suite itself generates cases with
hypothesis and faker, which come with the `pytest` extra.
"""

from __future__ import annotations

import importlib

import pytest

EXTRA = "akool-mock[pytest]"
SUITE_NEEDS = ("hypothesis", "faker")


def missing(modules: tuple[str, ...] = SUITE_NEEDS) -> list[str]:
    absent = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            absent.append(name)
    return absent


def message(absent: list[str]) -> str:
    return (
        f"the Akool contract suite needs {' and '.join(absent)}, which the core install leaves out: "
        f"pip install '{EXTRA}'"
    )


def wants_suite(args: list[str], target: str | None) -> bool:
    """Whether a run asks for the suite: a target chosen, or the suite named (as a module or a path)."""
    named = any("contract_tests.suite" in arg or "contract_tests/suite" in arg for arg in args)
    return target is not None or named


def require_suite_extra() -> None:
    """Stop the run (usage error, no traceback) naming the extra when the suite's tools are missing."""
    absent = missing()
    if absent:
        pytest.exit(message(absent), returncode=pytest.ExitCode.USAGE_ERROR)
