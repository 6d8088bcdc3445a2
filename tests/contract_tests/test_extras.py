"""contract_tests.extras: the plugin's fixtures work with the core install; the suite names its extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from akool_mock.contract_tests import extras

# Runs pytest in a child whose imports of hypothesis and faker fail, as in a core-only install.
WITHOUT_EXTRA = textwrap.dedent(
    """
    import sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split('.')[0] in ('hypothesis', 'faker', '_hypothesis_pytestplugin', 'schemathesis'):
                raise ImportError('not installed: ' + name)
    sys.meta_path.insert(0, Block())
    import pytest
    sys.exit(pytest.main(sys.argv[1:] + ['-p', 'no:cacheprovider', '-p', 'no:hypothesispytest',
                                         '-p', 'no:faker', '-p', 'no:schemathesis']))
    """
)


def run_without_extra(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )


def test_the_suite_without_the_extra_names_it(tmp_path: Path) -> None:
    result = run_without_extra(tmp_path, "--pyargs", "akool_mock.contract_tests.suite", "-q")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert "pip install 'akool-mock[pytest]'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_the_akool_fixture_works_without_the_extra(tmp_path: Path) -> None:
    (tmp_path / "test_app.py").write_text(
        textwrap.dedent(
            """
            import httpx

            def test_fake(akool):
                answer = httpx.get("https://openapi.akool.com/api/open/v3/faceswap/quota/info",
                                   headers={"x-api-key": akool.api_key})
                assert answer.json()["code"] == 1000
            """
        ),
        encoding="utf-8",
    )
    result = run_without_extra(tmp_path, "-q", "test_app.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


@pytest.mark.parametrize(
    ("args", "target", "wanted"),
    [
        (["--pyargs", "akool_mock.contract_tests.suite"], None, True),
        (["tests/"], None, False),
        (["tests/"], "inprocess", True),
        ([".venv/lib/site-packages/akool_mock/contract_tests/suite"], None, True),
    ],
)
def test_which_runs_want_the_suite(args: list[str], target: str | None, wanted: bool) -> None:
    assert extras.wants_suite(args, target) is wanted
