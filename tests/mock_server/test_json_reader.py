"""JSON is read within limits: what fits reads as json.loads reads it; what does not is refused in words."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.json_reader import JsonLimits, JsonRefused, read_json

LIMITS = JsonLimits(max_depth=8, max_values=200)
FINITE_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=150)
@given(FINITE_JSON)
def test_what_fits_reads_as_json_loads_reads_it(value: Any) -> None:
    data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    assert read_json(data, LIMITS) == json.loads(data)


@settings(max_examples=60)
@given(st.text(alphabet='[]{},":\\ ab', max_size=60))
def test_brackets_and_commas_inside_strings_are_not_counted(inside: str) -> None:
    value = {"text": inside * 20}
    assert read_json(json.dumps(value).encode(), LIMITS) == value


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"1" * 100_001, "an integer of 100001 digits is out of range"),
        (b'{"n": -' + b"9" * 5000 + b"}", "an integer of 5000 digits is out of range"),
        (b'{"n": 9223372036854775808}', "the integer 9223372036854775808 is out of range"),
        (b'{"n": 1e400}', "the number 1e400 is out of range"),
        (b'{"n": -1e400}', "the number -1e400 is out of range"),
        (b'{"n": 0.' + b"1" * 100 + b"}", "a number written with 102 characters is too long"),
        (b'{"n": NaN}', "NaN is not a JSON number"),
        (b'{"n": [Infinity]}', "Infinity is not a JSON number"),
        (b'{"n": -Infinity}', "-Infinity is not a JSON number"),
        (b"[" * 100_000 + b"]" * 100_000, "nests deeper than 8 levels"),
        (b'{"a":' * 9 + b"1" + b"}" * 9, "nests deeper than 8 levels"),
        (b"[" + b"{}," * 300 + b"{}]", "more than 200 values"),
        (b"[" + b"0," * 300 + b"0]", "more than 200 values"),
        (b'["\\\\", "\\"[", ' + b'"",' * 300 + b"1]", "more than 200 values"),
        (b'{"a": 1, "a": 2}', "duplicate key 'a'"),
        (b'{"a": "\xff"}', "not valid UTF-8 (byte 7)"),
        (b'{"a": "\x00"}', "NUL byte"),
        (b'{"a": "\\ud800"}', "a string holds a lone surrogate (\\ud800)"),
        (b'{"\\udfff": 1}', "a string holds a lone surrogate (\\udfff)"),
        (b'["\\ud83d\\ud83d\\ude00"]', "a string holds a lone surrogate (\\ud83d)"),
    ],
)
def test_over_a_limit_is_refused_naming_it(data: bytes, fragment: str) -> None:
    with pytest.raises(JsonRefused, match=re.escape(fragment)):
        read_json(data, LIMITS)


def test_escaped_quotes_and_backslashes_do_not_end_a_string() -> None:
    text = {"a": '\\"[[[[[[[[[[,,,,,' * 100, "b": "\\" * 50 + "{" * 30}
    assert read_json(json.dumps(text).encode(), LIMITS) == text


def test_surrogate_pairs_are_text() -> None:
    assert read_json(b'["\\ud83d\\ude00"]', LIMITS) == ["\U0001f600"]


def test_the_limits_are_inclusive() -> None:
    deepest = b"[" * 8 + b"]" * 8
    assert read_json(deepest, LIMITS) == json.loads(deepest)
    most = b"[" + b"0," * 199 + b"0]"
    assert len(read_json(most, LIMITS)) == 200
    assert read_json(b"[9223372036854775807, -9223372036854775808]", LIMITS) == [2**63 - 1, -(2**63)]
    assert read_json(b"[1.7976931348623157e308]", LIMITS) == [1.7976931348623157e308]


def test_every_number_read_is_finite() -> None:
    value = read_json(b"[1e308, -1e-400, 123456789012345678, 0.5]", LIMITS)
    assert all(math.isfinite(number) for number in value)


def test_not_json_at_all_is_left_to_the_caller() -> None:
    with pytest.raises(json.JSONDecodeError):
        read_json(b"{bad", LIMITS)
