"""Setup of the contract suite: the hypothesis profile, one SDK connection per run, the harness."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from akool_mock.contract_tests.extras import require_suite_extra

require_suite_extra()  # before anything that imports hypothesis or faker

from akool_mock.contract_tests import profiles  # noqa: E402
from akool_mock.contract_tests.exchange import Connection  # noqa: E402
from akool_mock.contract_tests.report import Recorder  # noqa: E402
from akool_mock.contract_tests.stateful import Harness  # noqa: E402
from akool_mock.contract_tests.targets import Target  # noqa: E402
from akool_mock.contract_tests.world import World, build_world  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    # Before the test modules are imported: their @settings take the profile loaded now as their parent.
    profiles.load(seed=config.getoption("--akool-seed"))


@pytest.fixture(scope="session")
def akool_connection(akool_session_target: Target) -> Iterator[Connection]:
    connection = akool_session_target.connect()
    yield connection
    connection.close()


@pytest.fixture
def harness(akool_target: Target, akool_connection: Connection, akool_recorder: Recorder) -> Harness:
    return Harness(akool_target, akool_connection, akool_recorder)


@pytest.fixture(scope="module")
def world(akool_session_target: Target, akool_connection: Connection) -> Iterator[World]:
    """One world per test module: reset once, then the references every operation may name."""
    with akool_session_target.active():
        if akool_session_target.controllable:
            akool_session_target.reset()
        yield build_world(akool_connection, akool_session_target)
