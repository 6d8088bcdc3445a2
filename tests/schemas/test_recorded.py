"""`akool-mock validate`: recorded responses (one body or a HAR file) against the contract."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from akool_mock.mock_server.cli import main

GOOD_QUOTA = {"code": 1000, "msg": "OK", "data": {"credit": 12.5}}
BAD_QUOTA = {"code": 1000, "msg": "OK", "data": {"credit": "lots"}}
ERROR = {"code": 1101, "msg": "Invalid authorization or The request token has expired"}


def write(tmp_path: Path, name: str, value: Any) -> str:
    path = tmp_path / name
    path.write_text(value if isinstance(value, str) else json.dumps(value))
    return str(path)


def har(*entries: tuple[str, str, Any, bool]) -> dict[str, Any]:
    rows = []
    for method, url, body, encode in entries:
        text = json.dumps(body)
        content: dict[str, Any] = {"mimeType": "application/json", "text": text}
        if encode:
            content = {
                "mimeType": "application/json",
                "encoding": "base64",
                "text": base64.b64encode(text.encode()).decode(),
            }
        rows.append(
            {"request": {"method": method, "url": url}, "response": {"status": 200, "content": content}}
        )
    return {"log": {"version": "1.2", "entries": rows}}


def test_single_response_conforms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", write(tmp_path, "r.json", GOOD_QUOTA), "--operation", "faceswap.get_quota"]) == 0
    assert "1 response(s) checked: conform" in capsys.readouterr().out


def test_single_response_violation_names_operation_path_expected_and_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", write(tmp_path, "r.json", BAD_QUOTA), "--operation", "faceswap.get_quota"]) == 1
    out = capsys.readouterr().out
    assert "faceswap.get_quota data.credit: must be of type number" in out
    assert 'found "lots"' in out


def test_error_answers_are_checked_against_the_error_envelope(tmp_path: Path) -> None:
    assert main(["validate", write(tmp_path, "e.json", ERROR), "--operation", "faceswap.get_quota"]) == 0
    assert (
        main(["validate", write(tmp_path, "e2.json", {"code": 1101}), "--operation", "faceswap.get_quota"])
        == 1
    )


def test_har_entries_are_matched_by_method_host_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = har(
        ("GET", "https://openapi.akool.com/api/open/v3/faceswap/quota/info", GOOD_QUOTA, False),
        ("GET", "https://openapi.akool.com/api/open/v3/faceswap/quota/info?x=1", BAD_QUOTA, True),
        ("GET", "https://cdn.example.com/a.png", {}, False),
        ("GET", "https://openapi.akool.com/api/open/v9/unknown", {}, False),
    )
    assert main(["validate", write(tmp_path, "t.har", document)]) == 1
    out = capsys.readouterr().out
    assert "#entries[1]: faceswap.get_quota data.credit" in out
    assert "#entries[0]" not in out.replace("note:", "")
    assert "/api/open/v9/unknown is not an operation" in out
    assert "2 response(s) checked" in out


def test_har_path_parameters_match(tmp_path: Path) -> None:
    body = {"code": 1000, "msg": "OK", "data": {"_id": "64f8a1b2c3d4e5f6a7b8c9d0", "status": 1}}
    url = "https://openapi.akool.com/api/open/v4/voice/detail/64f8a1b2c3d4e5f6a7b8c9d0"
    assert main(["validate", write(tmp_path, "t.har", har(("GET", url, body, False)))]) == 0


@pytest.mark.parametrize(
    ("content", "args", "reason"),
    [
        ("{not json", ["--operation", "faceswap.get_quota"], "not JSON"),
        (json.dumps(GOOD_QUOTA), ["--operation", "nope.nope"], "unknown operation"),
        (json.dumps(GOOD_QUOTA), [], "needs --operation"),
        (json.dumps({"log": {"entries": [{"request": {}}]}}), [], "not a HAR entry"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, args: list[str], reason: str
) -> None:
    assert main(["validate", write(tmp_path, "x.json", content), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert reason in err
    assert "\n" not in err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "absent.json"), "--operation", "faceswap.get_quota"]) == 2
