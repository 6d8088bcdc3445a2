"""The `akool` pytest plugin: choose a target, get fixtures, see what a run covered.

Options: --akool-target (inprocess | a base URL | live), --akool-seed, --akool-report FILE,
--akool-rules (print the rules checked per operation), --akool-allow-costly (live only). Live credentials:
AKOOL_API_KEY, or AKOOL_CLIENT_ID and AKOOL_CLIENT_SECRET; AKOOL_BASE_URL. Fixtures: `akool` (a FakeAkool),
`akool_server` (a served fake, one per session, reset between tests), `akool_target` (the suite's Target),
`akool_client` (an SDK client bound to the target). Nothing heavy is imported until a fixture is used: this
plugin loads in every pytest run.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

import pytest

from akool_mock.contract_tests import extras
from akool_mock.contract_tests.report import Recorder, Rule

if TYPE_CHECKING:
    from akool_mock.contract_tests.targets import Target
    from akool_mock.mock_server import FakeAkool
    from akool_mock.sdk import AkoolClient

RECORDER = pytest.StashKey[Recorder]()
LIBCST_WARNING = "mypy_extensions.TypedDict is deprecated"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("akool", "Akool contract suite")
    group.addoption("--akool-target", default=None, help="inprocess (default), a base URL, or live")
    group.addoption("--akool-seed", type=int, default=None, help="seed of the fake and of hypothesis")
    group.addoption("--akool-report", default=None, metavar="FILE", help="write the coverage report as JSON")
    group.addoption(
        "--akool-rules",
        action="store_true",
        help="print the rules checked per operation (each test of the suite that sent to it)",
    )
    group.addoption(
        "--akool-allow-costly", action="store_true", help="live target: also run operations that cost credits"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if extras.wants_suite(list(config.args), config.getoption("--akool-target")):
        absent = extras.missing()
        if absent:
            raise pytest.UsageError(extras.message(absent))
    config.stash[RECORDER] = Recorder()
    config.addinivalue_line(
        "markers",
        "akool(**keywords): configure this test's `akool` fixture with FakeAkool's keywords "
        "(seed, clock, speed, lifecycle, credits, accounts, config, send_webhooks)",
    )
    # On a failing hypothesis test, hypothesis' own plugin imports libcst, which warns about
    # mypy_extensions.TypedDict: under `-W error` that import turns the failure into an INTERNALERROR.
    config.addinivalue_line("filterwarnings", f"ignore:{LIBCST_WARNING}:DeprecationWarning")
    seed = config.getoption("--akool-seed")
    if seed is not None and getattr(config.option, "hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(seed)  # read by hypothesis' own plugin right after this hook


def pytest_report_header(config: pytest.Config) -> str | None:
    target = config.getoption("--akool-target")
    if target is None:
        return None
    from akool_mock.contract_tests import profiles

    seed = config.getoption("--akool-seed")
    profile = profiles.active(os.environ)
    return f"akool: target {target}, seed {0 if seed is None else seed}, hypothesis profile {profile}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    recorder = config.stash.get(RECORDER, None)
    if recorder is None or recorder.empty:
        return
    terminalreporter.write_sep("-", "akool contract report")
    terminalreporter.write_line(recorder.table())
    if config.getoption("--akool-rules"):
        terminalreporter.write_sep("-", "akool rules checked")
        terminalreporter.write_line(recorder.rules_table())
    path = config.getoption("--akool-report")
    if path:
        recorder.write(path)
        terminalreporter.write_line(f"akool: report written to {path}")


def rule_of(item: pytest.Item) -> Rule:
    """The rule a test checks: its module and function name, and the first paragraph of its docstring."""
    function = getattr(item, "function", None)
    name = getattr(item, "originalname", None) or item.name
    module = getattr(getattr(item, "module", None), "__name__", "") or ""
    doc = (getattr(function, "__doc__", None) or "").strip().split("\n\n")[0]
    text = " ".join(doc.split()) or name.removeprefix("test_").replace("_", " ")
    return Rule(f"{module.rpartition('.')[2]}::{name}", text)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Tell the recorder which rule the exchanges of this test check, and whether it held."""
    recorder = item.config.stash.get(RECORDER, None)
    if recorder is None:
        yield
        return
    recorder.begin(rule_of(item))
    failed = False
    try:
        yield
    except pytest.skip.Exception:
        raise
    except BaseException:
        failed = True
        raise
    finally:
        recorder.end(failed)


def _seed(config: pytest.Config) -> int:
    seed = config.getoption("--akool-seed")
    return 0 if seed is None else int(seed)


@pytest.fixture(scope="session")
def akool_recorder(pytestconfig: pytest.Config) -> Recorder:
    return pytestconfig.stash[RECORDER]


@pytest.fixture(scope="session")
def akool_session_target(pytestconfig: pytest.Config) -> Iterator[Target]:
    """The target of the whole run (reads the environment once, for live credentials)."""
    from akool_mock.contract_tests.targets import make_target

    spec = pytestconfig.getoption("--akool-target") or "inprocess"
    allow = bool(pytestconfig.getoption("--akool-allow-costly"))
    target = make_target(spec, seed=_seed(pytestconfig), environ=dict(os.environ), allow_costly=allow)
    pytestconfig.stash[RECORDER].meta.update(target=target.name, seed=_seed(pytestconfig))
    yield target
    target.close()


@pytest.fixture
def akool_target(akool_session_target: Target) -> Iterator[Target]:
    """The chosen target, routed for this test (in-process: respx is active only inside the test)."""
    with akool_session_target.active():
        yield akool_session_target


@pytest.fixture
def akool_client(akool_target: Target) -> Iterator[AkoolClient]:
    client = akool_target.client()
    yield client
    client.close()


@pytest.fixture
def akool(request: pytest.FixtureRequest, pytestconfig: pytest.Config) -> Iterator[FakeAkool]:
    """A fresh in-process fake for one test (manual clock): httpx, requests and aiohttp calls to the Akool
    hosts reach it. `@pytest.mark.akool(lifecycle="immediate", credits=5, ...)` configures it per test."""
    from akool_mock.mock_server import FakeAkool

    marker = request.node.get_closest_marker("akool")
    keywords = dict(marker.kwargs) if marker else {}
    if "config" not in keywords:  # a config file may hold its own seed
        keywords.setdefault("seed", _seed(pytestconfig))
    if marker and marker.args:
        raise pytest.UsageError("@pytest.mark.akool takes keywords only, e.g. @pytest.mark.akool(seed=3)")
    with FakeAkool(**keywords) as fake:
        yield fake


@pytest.fixture(scope="session")
def _akool_served(pytestconfig: pytest.Config) -> Iterator[str]:
    from akool_mock.contract_tests.serve import served

    with served(seed=_seed(pytestconfig)) as base_url:
        yield base_url


@pytest.fixture
def akool_server(_akool_served: str) -> str:
    """The base URL of `akool-mock serve` (manual clock), started once per session, reset for each test."""
    import httpx

    httpx.post(f"{_akool_served}/_mock/reset", timeout=10.0).raise_for_status()
    return _akool_served
