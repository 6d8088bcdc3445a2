"""The plugin and the suite, run by `pytester` in a fresh process: the unbroken fake passes, a fake with
one response field's type flipped or with a status that goes back fails, naming the operation and the
problem; the options and the fixtures work in a user's own tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SUITE = ("--pyargs", "akool_mock.contract_tests.suite", "-p", "no:cacheprovider", "-q")

# Loaded with `-p broken_fake` before the suite: wraps the pipeline every target uses.
FLIPPED_TYPE = """
import json
from akool_mock.mock_server.pipeline import Pipeline

_handle = Pipeline.handle

def handle(self, request):
    answer = _handle(self, request)
    if request.path == "/api/open/v3/faceswap/quota/info":
        body = json.loads(answer.body)
        body["data"]["credit"] = str(body["data"]["credit"])  # a number on the wire becomes a string
        answer.body = json.dumps(body).encode()
    return answer

Pipeline.handle = handle
"""
STATUS_GOES_BACK = """
import json
from akool_mock.mock_server.pipeline import Pipeline
from akool_mock.mock_server.state import Backend

_handle = Pipeline.handle
_reset = Backend.reset
_completed = set()

def reset(self, *args, **kwargs):
    _completed.clear()  # ids repeat after a reset (same seed): the breakage must too
    return _reset(self, *args, **kwargs)

def handle(self, request):
    answer = _handle(self, request)
    if request.path == "/api/open/v3/faceswap/result/listbyids":
        body = json.loads(answer.body)
        for item in body.get("data", {}).get("result", []):
            if item["faceswap_status"] == 3:
                if item["_id"] in _completed:
                    item["faceswap_status"] = 2  # a finished job shows "processing" again
                _completed.add(item["_id"])
        answer.body = json.dumps(body).encode()
    return answer

Pipeline.handle = handle
Backend.reset = reset
"""


@pytest.fixture(autouse=True)
def _quick_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "quick")  # the ci profile without shrinking


def test_the_unbroken_fake_passes_and_reports(pytester: pytest.Pytester) -> None:
    report = pytester.path / "report.json"
    result = pytester.runpytest_subprocess(
        *SUITE, "-k", "get_quota or create_image_pro", f"--akool-report={report}"
    )
    result.assert_outcomes(passed=10, skipped=1)  # skipped: live drift of get_quota
    result.stdout.fnmatch_lines(["*akool contract suite, target inprocess*", "*lifecycles*1 job kinds*"])
    written = json.loads(report.read_text("utf-8"))
    assert "faceswap.get_quota" in written["targets"]["inprocess"]["operations"]


def test_the_rules_checked_per_operation_come_from_the_tests_that_ran(pytester: pytest.Pytester) -> None:
    report = pytester.path / "report.json"
    result = pytester.runpytest_subprocess(
        *SUITE, "-k", "get_quota and not drift", "--akool-rules", f"--akool-report={report}"
    )
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        [
            "*akool rules checked per operation, target inprocess*",
            "*test_auth::test_missing_and_wrong_credentials: Missing credentials answer 1102*",
            "*test_operations::test_generated_requests_get_conforming_answers: Valid requests*",
            "*faceswap.get_quota  * *",
        ]
    )
    rules = json.loads(report.read_text("utf-8"))["targets"]["inprocess"]["rules"]
    assert rules["faceswap.get_quota"] == {
        "test_auth::test_missing_and_wrong_credentials": "held",
        "test_operations::test_generated_requests_get_conforming_answers": "held",
        "test_http_status::test_a_path_beside_an_operation_answers_404_with_1008": "held",
    }
    quiet = pytester.runpytest_subprocess(*SUITE, "-k", "test_generated and get_quota")
    assert "akool rules checked" not in quiet.stdout.str()  # only when asked


def test_a_broken_rule_is_marked_on_its_operation(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(broken_fake=FLIPPED_TYPE)
    result = pytester.runpytest_subprocess(
        "-p", "broken_fake", *SUITE, "-k", "test_generated and get_quota", "--akool-rules"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*akool rules checked*", "  faceswap.get_quota  1!"])


def test_a_flipped_field_type_is_caught(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(broken_fake=FLIPPED_TYPE)
    result = pytester.runpytest_subprocess("-p", "broken_fake", *SUITE, "-k", "test_generated and get_quota")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*faceswap.get_quota: the answer does not conform to the response schema: data.credit:"
            " must be of type number*",
            "*reproduce: curl -s -X GET*/api/open/v3/faceswap/quota/info*",
        ]
    )
    result.stdout.fnmatch_lines(["*drift findings*"])


def test_a_status_that_goes_back_is_caught(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(broken_fake=STATUS_GOES_BACK)
    result = pytester.runpytest_subprocess(
        "-p", "broken_fake", *SUITE, "-k", "test_job_lifecycle and create_image_pro"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*faceswap.list_results: job * went back from status 3 to 2*"])


def test_the_options_are_documented(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(
        ["*--akool-target=*", "*--akool-seed=*", "*--akool-report=FILE*", "*--akool-allow-costly*"]
    )


def test_the_readme_fixture_example_passes(pytester: pytest.Pytester) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme[readme.index("## Contract tests in your project") :]
    example = re.search(r"```py\n(.*?)```", section, flags=re.S)
    assert example is not None
    pytester.makepyfile(test_mine=example.group(1))
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_a_target_that_is_not_a_url_is_refused(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(*SUITE, "--akool-target=staging", "-k", "get_quota")
    result.stdout.fnmatch_lines(["*must be inprocess, live or a base URL*"])
    assert result.ret != 0


def _negative_fields(pytester: pytest.Pytester, *seed: str) -> list[str]:
    report = pytester.path / "report.json"
    report.unlink(missing_ok=True)
    result = pytester.runpytest_subprocess(
        *SUITE, *seed, f"--akool-report={report}", "-k", "one_broken_rule and (voices or images)"
    )
    result.assert_outcomes(passed=result.parseoutcomes()["passed"])
    summary = json.loads(report.read_text(encoding="utf-8"))
    fields: list[str] = summary["targets"]["inprocess"]["negative_fields"]
    return fields


def test_the_seed_picks_another_fixed_set_under_the_ci_profile(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "ci")
    unseeded = _negative_fields(pytester)
    assert _negative_fields(pytester) == unseeded, "without a seed the ci profile is derandomized"
    one, two = _negative_fields(pytester, "--akool-seed=1"), _negative_fields(pytester, "--akool-seed=2")
    assert _negative_fields(pytester, "--akool-seed=1") == one, "a seed is one fixed set"
    assert one != two, "another seed, other cases"


MARKED = """
import httpx
import pytest

QUOTA = "https://openapi.akool.com/api/open/v3/faceswap/quota/info"


@pytest.mark.akool(credits=7, lifecycle="immediate")
def test_marked(akool):
    assert akool.settings.lifecycle.policy == "immediate"
    answer = httpx.get(QUOTA, headers={"x-api-key": akool.api_key}).json()
    assert answer["data"]["credit"] == 7


def test_unmarked(akool):
    assert akool.settings.lifecycle.policy == "time"
    assert akool.settings.seed == 5


@pytest.mark.akool(seed=11)
def test_seed(akool):
    assert akool.settings.seed == 11


@pytest.mark.akool(lifecycel="immediate")
def test_typo(akool):
    pass
"""


def test_the_akool_marker_configures_the_fixture_per_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_marked=MARKED)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--akool-seed=5", "--strict-markers")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*unexpected keyword argument 'lifecycel'*"])
