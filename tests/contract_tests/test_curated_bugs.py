"""The contract suite catches every bug of the curated set (tests/contract_tests/bugs.py), and the fake
without a bug passes the same selections: what a green run of the suite means, measured."""

from __future__ import annotations

import pytest

from tests.contract_tests.bugs import BUGS, Bug

SUITE = ("--pyargs", "akool_mock.contract_tests.suite", "-p", "no:cacheprovider", "-q")
QUICK = {"HYPOTHESIS_PROFILE": "quick"}  # ci cases, no shrinking: the first failure is enough


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.name)
def test_the_suite_catches_the_bug(
    bug: Bug, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in QUICK.items():
        monkeypatch.setenv(name, value)
    pytester.makepyfile(broken_fake=bug.source)
    result = pytester.runpytest_subprocess("-p", "broken_fake", *SUITE, "-k", bug.selection)
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) >= 1, f"{bug.name} ({bug.rule}) escaped: {outcomes}"
    result.stdout.fnmatch_lines([bug.says])


def test_every_bug_breaks_a_documented_rule_once() -> None:
    names = [bug.name for bug in BUGS]
    assert len(names) == len(set(names))
    assert all(bug.rule and bug.selection and bug.says for bug in BUGS)


@pytest.mark.parametrize("selection", sorted({bug.selection for bug in BUGS}))
def test_the_unbroken_fake_passes_each_selection(
    selection: str, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in QUICK.items():
        monkeypatch.setenv(name, value)
    result = pytester.runpytest_subprocess(*SUITE, "-k", selection)
    outcomes = result.parseoutcomes()
    assert outcomes.get("failed", 0) == 0, outcomes
    assert outcomes.get("passed", 0) >= 1, outcomes
