"""A large body read in steps reads as `read_json` reads it, and each step looks at a bounded slice."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Generator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server import json_stream
from akool_mock.mock_server.json_reader import JsonLimits, JsonRefused, read_json
from akool_mock.mock_server.json_stream import (
    STEP,
    ReadJson,
    read_body_json,
    read_json_any,
    read_json_async,
    read_json_steps,
)

LIMITS = JsonLimits(max_depth=8, max_values=200)


def stepwise(data: bytes, limits: JsonLimits = LIMITS) -> tuple[Any, int]:
    """The value read and the number of steps taken."""
    steps: Generator[None, None, Any] = read_json_steps(data, limits)
    taken = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value, taken
        taken += 1


def outcome(read: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "value", read(data)
    except JsonRefused as exc:
        return "refused", str(exc)
    except json.JSONDecodeError as exc:
        return "invalid", (exc.msg, exc.lineno, exc.colno)


# Values with strings long enough to be read by segments and white space long enough to be dropped.
PIECES = st.sampled_from(["a", "é", "\U0001f600", '"', "\\", "\n", "\u2028", "x" * 1000])
LONG_TEXT = st.lists(PIECES, max_size=40).map("".join)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | LONG_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(LONG_TEXT, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(VALUES, st.booleans(), st.sampled_from([None, 1, 200]))
def test_what_fits_reads_as_json_loads_reads_it(value: Any, ascii_only: bool, indent: int | None) -> None:
    data = json.dumps(value, ensure_ascii=ascii_only, indent=indent).encode("utf-8")
    assert stepwise(data)[0] == json.loads(data)


JSONISH = st.text(alphabet='[]{},:"\\ 0123456789.eE-+nultrfaNIu\x00\x1fé', max_size=80).map(str.encode)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=80) | JSONISH)
def test_any_bytes_are_accepted_or_refused_as_read_json_does(data: bytes) -> None:
    """The same documents are accepted, with the same value. (A body with two problems may be refused
    for the other one: the stepwise reader names the first it meets in reading order.)"""
    ours, theirs = outcome(lambda d: stepwise(d)[0], data), outcome(lambda d: read_json(d, LIMITS), data)
    assert (ours[0] == "value") == (theirs[0] == "value"), (ours, theirs)
    if ours[0] == "value":
        assert ours[1] == theirs[1]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"a":' + b"9" * (3 * STEP) + b"}", f"an integer of {3 * STEP} digits is out of range"),
        (b'{"a":-' + b"9" * 5000 + b"}", "an integer of 5000 digits is out of range"),
        (b'{"a":0.' + b"1" * (2 * STEP) + b"}", f"a number written with {2 * STEP + 2} characters"),
        (b"[" * 9, "nests deeper than 8 levels"),
        (b"[" + b"0," * 300 + b"0]", "more than 200 values"),
        (b"[" + b"0 " * 3000 + b"]", "more than 200 values"),
        (b'{"a": "' + b"x" * (2 * STEP) + b'", "a": 1}', "duplicate key 'a'"),
        (b'{"' + b"k" * 100 + b'": 1, "' + b"k" * 100 + b'": 2}', "duplicate key 'kkkk"),
        (b'{"a": "' + b"x" * STEP + b'\xff"}', f"not valid UTF-8 (byte {7 + STEP})"),
        (b'{"a": 1}\xff', "not valid UTF-8 (byte 8)"),
        (b'{"a": "' + b"x" * STEP + b'\x00"}', "NUL byte"),
        (b'{"a": "' + b"x" * STEP + b'\\ud800"}', "a string holds a lone surrogate (\\ud800)"),
        (b'{"a": NaN}', "NaN is not a JSON number"),
    ],
)
def test_over_a_limit_is_refused_naming_it(data: bytes, fragment: str) -> None:
    with pytest.raises(JsonRefused, match=re.escape(fragment)):
        stepwise(data)


@pytest.mark.parametrize(
    ("data", "message", "line", "column"),
    [
        (b'{"a": "' + b"x" * (2 * STEP) + b'\\q"}', "Invalid \\escape", 1, 8 + 2 * STEP),
        (b'{"a": "' + b"x" * (2 * STEP) + b"\n", "Invalid control character at", 1, 8 + 2 * STEP),
        (b'{"a": "' + b"x" * (2 * STEP), "Unterminated string starting at", 1, 7),
        (b'{"a": "' + b"\xc3\xa9" * STEP + b'"} x', "Extra data", 1, 11 + STEP),
        (b'{\n"a":' + b" " * (2 * STEP) + b"?}", "Expecting value", 2, 5 + 2 * STEP),
        (b'{"a": ' + b"z" * 100 + b"}", "Expecting value", 1, 7),
    ],
)
def test_not_json_is_placed_where_it_is(data: bytes, message: str, line: int, column: int) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        stepwise(data)
    assert (caught.value.msg, caught.value.lineno, caught.value.colno) == (message, line, column)
    expected = outcome(lambda d: read_json(d, LIMITS), data)
    if expected[0] == "invalid":  # read_json names the same problem at the same place
        assert expected[1] == (message, line, column)


@pytest.mark.parametrize(
    "data",
    [
        b'{"a": "' + b"x" * (40 * STEP) + b'"}',
        b'{"a": "' + b"\\n" * (20 * STEP) + b'"}',
        b'{"a": "' + "é\U0001f600".encode() * (6 * STEP) + b'"}',
        b'{"a":' + b" " * (40 * STEP) + b"1}",
        b'{"a":' + b"9" * (40 * STEP) + b"}",
        b"[" * (40 * STEP),
    ],
    ids=["long string", "escapes", "multi-byte", "spaces", "long number", "deep"],
)
def test_each_step_of_a_huge_body_is_short(data: bytes) -> None:
    """The point of the module: a step costs about what STEP bytes cost, however large the body.

    Counted in steps, not timed: a 2.5 MiB body takes many steps, and no step but the last ones (the join of
    a long string) handles more than a few STEP-sized slices."""
    try:
        _, steps = stepwise(data, JsonLimits())
    except (JsonRefused, json.JSONDecodeError):
        steps = _steps_until_error(data)
    assert steps >= min(len(data) // (4 * STEP), 40) or b"[[" in data[:2]


def _steps_until_error(data: bytes) -> int:
    steps = read_json_steps(data, JsonLimits())
    taken = 0
    try:
        while True:
            next(steps)
            taken += 1
    except (JsonRefused, json.JSONDecodeError):
        return taken


def test_long_strings_come_back_whole_and_in_place() -> None:
    long = 'ab\\"é\U0001f600' * STEP
    value = {"x": [long, {"y": long + "!"}], long: 1}
    data = json.dumps(value, ensure_ascii=False).encode()
    assert len(data) > json_stream.STEPWISE_ABOVE
    assert read_json_any(data, JsonLimits()) == value


def test_the_async_reader_keeps_the_error_for_when_the_body_is_used() -> None:
    read = asyncio.run(read_json_async(b'{"a": NaN}', LIMITS))
    assert isinstance(read, ReadJson)
    assert isinstance(read.error, JsonRefused)
    assert read.error.__traceback__ is None  # would keep the body alive
    with pytest.raises(JsonRefused, match="NaN"):
        read_body_json(b"ignored", LIMITS, read)
    broken = asyncio.run(read_json_async(b'{\n"a": "' + b"x" * STEP + b'\n"}', LIMITS))
    with pytest.raises(json.JSONDecodeError) as caught:
        read_body_json(b"ignored", LIMITS, broken)
    assert (caught.value.msg, caught.value.lineno, caught.value.colno) == (
        "Invalid control character at",
        2,
        7 + STEP,
    )
    fine = asyncio.run(read_json_async(b'{"a": 1}', LIMITS))
    assert read_body_json(b"ignored", LIMITS, fine) == {"a": 1}
    # read under other limits: read again under the ones asked for
    assert read_body_json(b"[[1]]", LIMITS, ReadJson(JsonLimits(), value="stale")) == [[1]]


def test_the_async_reader_lets_other_tasks_run() -> None:
    data = b'{"a": "' + b"x" * (80 * STEP) + b'"}'

    async def main() -> int:
        ticks = 0
        done = False

        async def ticker() -> None:
            nonlocal ticks
            while not done:
                ticks += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        started = time.perf_counter()
        await read_json_async(data, JsonLimits())
        done = True
        await task
        assert time.perf_counter() - started > 0
        return ticks

    assert asyncio.run(main()) > 2
