"""Tests of the contract-test harness itself; `pytester` runs the suite against broken fakes."""
