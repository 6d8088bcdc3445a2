"""The Recorder: what it counts, the table and the JSON."""

from __future__ import annotations

import json
from pathlib import Path

from akool_mock.contract_tests.report import Recorder


def filled() -> Recorder:
    recorder = Recorder(total_operations=3)
    recorder.exchange("inprocess", "faceswap.get_quota", 1000, True)
    recorder.exchange("inprocess", "voices.list", 1000, False)
    recorder.exchange("inprocess", "voices.get", 1014, True)
    recorder.negative("inprocess", "required", "voices.tts", "body.voice_id")
    recorder.negative("inprocess", "type", "voices.tts", "body.input_text")
    recorder.auth("inprocess", 1102, "voices.tts")
    recorder.transition("inprocess", "voices.tts", None, 1)
    recorder.transition("inprocess", "voices.tts", 1, 3)
    recorder.drift("inprocess", "voices.list", ["data.result: must be of type array"])
    return recorder


def test_only_conforming_successes_count_as_exercised() -> None:
    summary = filled().summary("inprocess")
    assert summary["operations_exercised"] == 1
    assert summary["not_exercised"] == ["voices.get", "voices.list"]


def test_negative_rules_auth_and_lifecycles_are_counted() -> None:
    summary = filled().summary("inprocess")
    assert summary["negative_rules"] == {"required": 1, "type": 1}
    assert summary["auth"] == {"1102": 1}
    assert summary["lifecycles"] == {"voices.tts": {"1→3": 1, "new→1": 1}}


def test_table_names_everything() -> None:
    table = filled().table()
    assert "target inprocess" in table
    assert "operations exercised  1/3" in table
    assert "required 1, type 1" in table
    assert "voices.tts  1→3 new→1" in table
    assert "drift findings        1" in table


def test_json_report(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    recorder = filled()
    recorder.meta["seed"] = 7
    recorder.write(path)
    written = json.loads(path.read_text("utf-8"))
    assert written["meta"] == {"seed": 7}
    assert written["targets"]["inprocess"]["operations_exercised"] == 1


def test_an_unused_recorder_is_empty() -> None:
    assert Recorder().empty
    assert not filled().empty
