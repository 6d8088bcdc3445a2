"""The generator: every operation's generated cases validate; every negative case breaks exactly the rule
and the field it is labelled with; values are realistic and reproducible."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests.strategies import (
    RULES,
    breakable,
    negative_requests,
    realistic,
    valid_requests,
)
from akool_mock.schemas import Operation, load_catalog

OPERATIONS = load_catalog().operations
RULE_WORDS = {
    "required": "required",
    "type": "must be of type",
    "enum": "must be one of",
    "pattern": "must match",
    "exclusive": "valid under",
}


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
@settings(max_examples=5)
@given(data=st.data())
def test_every_generated_case_validates(op: Operation, data: st.DataObject) -> None:
    case = data.draw(valid_requests(op))
    assert op.request_errors(case) == []


@pytest.mark.parametrize("op", [op for op in OPERATIONS if breakable(op)], ids=lambda op: op.id)
@settings(max_examples=5)
@given(data=st.data())
def test_every_negative_case_breaks_exactly_its_rule(op: Operation, data: st.DataObject) -> None:
    case = data.draw(negative_requests(op))
    assert case.rule in RULES
    violations = op.request_errors(case.request)
    assert violations, case
    assert {v.path for v in violations} == {case.where}, (case, violations)
    if case.rule in RULE_WORDS:  # a field under anyOf/oneOf is reported as failing every alternative
        words = (RULE_WORDS[case.rule], "valid under")
        assert any(w in v.message for v in violations for w in words), (case, violations)


def test_every_rule_kind_is_generated_somewhere() -> None:
    seen: set[str] = set()
    for op in OPERATIONS:
        if breakable(op):

            @settings(max_examples=15, database=None)
            @given(negative_requests(op))
            def collect(case: object) -> None:
                seen.add(case.rule)  # type: ignore[attr-defined]

            collect()
    assert seen == set(RULES)


@settings(max_examples=20)
@given(
    image=realistic("modifyImage"),
    video=realistic("video_url"),
    audio=realistic("audio_url"),
    name=realistic("name"),
    language=realistic("language"),
)
def test_values_are_realistic(image: str, video: str, audio: str, name: str, language: str) -> None:
    assert re.fullmatch(r"https://[\w.-]+/images/[\w-]+\.png", image)
    assert video.endswith(".mp4")
    assert audio.endswith(".mp3")
    assert re.fullmatch(r"[A-Z][\w.' -]+", name)
    assert re.fullmatch(r"[a-z]{2}", language)


def _five_cases(op: Operation) -> list[object]:
    drawn: list[object] = []

    @settings(max_examples=5, derandomize=True, database=None)
    @given(valid_requests(op))
    def collect(case: object) -> None:
        drawn.append(case)

    collect()
    return drawn


def test_a_seed_reproduces_the_cases() -> None:
    op = load_catalog().operation("faceswap.create_image")
    assert _five_cases(op) == _five_cases(op)


def test_references_are_used_when_they_fit() -> None:
    op = load_catalog().operation("voices.tts")

    @settings(max_examples=10, database=None)
    @given(valid_requests(op, {"voice_id": ["a-real-voice", 42]}))
    def check(case: dict[str, dict[str, object]]) -> None:
        assert case["body"]["voice_id"] == "a-real-voice"

    check()
