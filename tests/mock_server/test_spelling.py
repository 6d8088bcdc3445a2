"""Typos fail loudly with a did-you-mean: fault rules, webhook modes, control calls, operation ids."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server.faults import KEYS
from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.spelling import UnknownName, check_names, did_you_mean

CONTROL = "https://openapi.akool.com/_mock"


def test_a_misspelt_fault_key_is_refused_not_applied_to_everything() -> None:
    with FakeAkool() as akool:
        with pytest.raises(UnknownName, match=r"unknown fault key 'operaton'; did you mean 'operation'\?"):
            akool.faults.add(operaton="faceswap.create_image", code=1005)
        with pytest.raises(UnknownName, match=r"'cout'; did you mean 'count'"):
            akool.faults.add(operation="faceswap.create_image", code=1005, cout=1)
        assert akool.backend.faults.rules == []


def test_an_unknown_operation_id_is_refused_with_the_closest_ones() -> None:
    with FakeAkool() as akool:
        with pytest.raises(
            UnknownName,
            match=r"unknown operation 'faceswap.create_imge'; did you mean 'faceswap.create_image'",
        ):
            akool.faults.add(operation="faceswap.create_imge", code=1005)
        with pytest.raises(UnknownName, match="did you mean"):
            akool.assert_called("faceswap.createimage")
        with pytest.raises(UnknownName, match="unknown account"):
            akool.faults.add(account="nobody", code=1005)


def test_a_misspelt_webhook_mode_is_refused() -> None:
    with FakeAkool() as akool, pytest.raises(UnknownName, match=r"'duplicates'; did you mean 'duplicate'\?"):
        akool.webhooks.modes(duplicates=True)


@pytest.mark.parametrize(
    ("method", "path", "body", "wrong"),
    [
        ("POST", "/clock/advance", {"secs": 5}, "'secs'"),
        ("POST", "/faults", {"operation": "faceswap.create_image", "code": 1005, "cout": 1}, "'cout'"),
        ("POST", "/faults", {"operation": "faceswap.nope", "code": 1005}, "'faceswap.nope'"),
        ("POST", "/accounts", {"credit": 5}, "'credit'; did you mean 'credits'"),
        ("POST", "/jobs/000000000000000000000000/fail", {"reasn": "x"}, "'reasn'; did you mean 'reason'"),
    ],
)
def test_control_calls_refuse_unknown_keys_with_400(method: str, path: str, body: object, wrong: str) -> None:
    with FakeAkool():
        answer = httpx.request(method, CONTROL + path, json=body)
        assert answer.status_code == 400
        assert wrong in answer.json()["error"]


def test_control_queries_refuse_unknown_names() -> None:
    with FakeAkool():
        answer = httpx.get(CONTROL + "/jobs", params={"operation": "faceswap.create_imag"})
        assert answer.status_code == 400
        assert "did you mean 'faceswap.create_image'" in answer.json()["error"]
        assert httpx.get(CONTROL + "/jobs", params={"opration": "x"}).status_code == 400
        assert httpx.get(CONTROL + "/jobs", params={"operation": "faceswap.create_image"}).status_code == 200


@given(st.sampled_from(sorted(KEYS)))
def test_known_names_always_pass(name: str) -> None:
    check_names([name], KEYS, "fault key")


@given(st.text(min_size=1, max_size=12).filter(lambda s: s not in KEYS))
def test_unknown_names_always_fail_and_name_themselves(name: str) -> None:
    with pytest.raises(UnknownName) as error:
        check_names([name], KEYS, "fault key")
    assert repr(name) in str(error.value)


def test_a_name_far_from_all_gets_the_list_instead() -> None:
    assert did_you_mean("zzzz", KEYS) == ""
    with pytest.raises(UnknownName, match="known: account, code, count"):
        check_names(["zzzz"], KEYS, "fault key")
