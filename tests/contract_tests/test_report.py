"""The Recorder: what it counts, the table and the JSON."""

from __future__ import annotations

import json
from pathlib import Path

from akool_mock.contract_tests.report import Recorder, Rule


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


def test_exchanges_during_a_test_count_as_its_rule_checked() -> None:
    recorder = Recorder(total_operations=3)
    recorder.exchange("inprocess", "voices.list", 1000, True)  # setup, no test running: no rule
    recorder.begin(Rule("test_auth::test_credentials", "missing credentials answer 1102"))
    recorder.exchange("inprocess", "voices.list", 1102, True)
    recorder.exchange("inprocess", "voices.tts", 1102, True)
    recorder.end(failed=False)
    recorder.begin(Rule("test_paging::test_pages", "pages hold at most size items"))
    recorder.exchange("inprocess", "voices.list", 1000, True)
    recorder.end(failed=True)
    rules = recorder.summary("inprocess")["rules"]
    assert rules == {
        "voices.list": {"test_auth::test_credentials": "held", "test_paging::test_pages": "failed"},
        "voices.tts": {"test_auth::test_credentials": "held"},
    }
    assert recorder.as_json()["rules"]["test_paging::test_pages"] == "pages hold at most size items"
    table = recorder.rules_table().splitlines()
    assert table[1:3] == [
        "   1  test_auth::test_credentials: missing credentials answer 1102",
        "   2  test_paging::test_pages: pages hold at most size items",
    ]
    assert table[3:] == ["  voices.list  1 2!", "  voices.tts   1"]


def test_rules_that_sent_nothing_get_no_number() -> None:
    recorder = Recorder(total_operations=1)
    recorder.begin(Rule("test_live_drift::test_free", "live only"))  # skipped: sent nothing
    recorder.end(failed=False)
    recorder.begin(Rule("test_auth::test_credentials", "missing credentials answer 1102"))
    recorder.exchange("inprocess", "voices.list", 1102, True)
    recorder.end(failed=False)
    table = recorder.rules_table().splitlines()
    assert table[1:] == [
        "   1  test_auth::test_credentials: missing credentials answer 1102",
        "  voices.list  1",
    ]


def test_a_rule_checked_beside_an_operation_counts_for_it_but_sends_nothing() -> None:
    recorder = Recorder(total_operations=1)
    recorder.begin(Rule("test_http_status::test_beside", "a path beside answers 404"))
    recorder.checked("inprocess", "voices.list")
    recorder.end(failed=True)
    summary = recorder.summary("inprocess")
    assert summary["rules"] == {"voices.list": {"test_http_status::test_beside": "failed"}}
    assert summary["operations"] == {}
