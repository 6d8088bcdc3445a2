"""JSON read in bounded steps: what `json_reader.read_json` gives, for bodies too large to read in one go.

`read_json` reads a body with a few C calls over the whole of it. For a body of 20 MiB each of them takes tens
of milliseconds (a long string, a long number, a long run of spaces are each one call), and on the server's
one event loop every other client waits that long. Here the same document is read in steps of at most `STEP`
bytes (a few hundred microseconds each), and `read_json_async` lets the event loop run between them:

1. The body is walked token by token with bounded regular expressions, counting depth and values as
   `read_json` does (so a hostile body is refused as early as it is there). A token longer than a number
   may be is refused as soon as its length is known. Every string is checked (escapes, control characters)
   step by step; a long string's bytes are kept as a list of segments cut between whole characters and
   whole escapes; a long run of white space is dropped.
2. What is left (at most a few tokens per value, each short) is read by `json.loads` with `read_json`'s
   hooks (finite numbers, no duplicate keys), long strings standing in as placeholders; then each long string
   is decoded segment by segment and put in its placeholder's place.

Errors name the same problems as `read_json`'s. When a body holds several, the first met in reading order is
named; `read_json` sometimes names another one (it checks limits over the whole body first).
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import time
from bisect import bisect_right
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from akool_mock.mock_server.json_reader import (
    MAX_NUMBER_CHARS,
    JsonLimits,
    JsonRefused,
    integer_too_long,
    loads,
    no_duplicates,
    number_too_long,
    read_json,
    refuse_lone_surrogates,
    too_deep,
    too_many_values,
)

STEP = 64 * 1024  # bytes looked at by one regular expression call
ESCAPED_STEP = 8 * 1024  # characters or escapes taken by one call in a string that holds escapes
LONG = 64  # a string of more bytes is kept out of json.loads and decoded by segments
SEGMENT = 256 * 1024  # a long string's bytes are decoded this many at a time
STEPWISE_ABOVE = 256 * 1024  # `read_json_any` reads larger bodies step by step
SLICE_S = 0.001  # `read_json_async` lets the event loop run this often

_SPACE = re.compile(rb"[ \t\n\r]{0,%d}" % STEP)
_TOKEN_END = re.compile(rb'[^ \t\n\r"\[\]{},:]{0,%d}' % (MAX_NUMBER_CHARS + 1))
_LITERAL_REST = re.compile(rb'[^ \t\n\r"\[\]{},:]{0,%d}' % STEP)
_DIGITS = re.compile(rb"[0-9]{0,%d}" % STEP)
_NUMBERISH = re.compile(rb"[0-9.eE+-]{0,%d}" % STEP)
_PLAIN = re.compile(rb'[^"\\\x00-\x1f]{0,%d}' % STEP)
_ESCAPED = re.compile(
    rb'(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]'
    rb"|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a surrogate pair is never cut
    rb"|\\u[0-9a-fA-F]{4}){0,%d}" % ESCAPED_STEP
)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_QUOTE, _BACKSLASH, _COMMA = ord('"'), ord("\\"), ord(",")
_OPEN, _CLOSE = frozenset(b"[{"), frozenset(b"]}")
_STRUCTURE = frozenset(b":")


@dataclass(frozen=True, slots=True)
class ReadJson:
    """What reading a body gave under `limits`: its value, or the error to raise when it is used."""

    limits: JsonLimits
    value: Any = None
    error: ValueError | None = None

    def get(self) -> Any:
        if self.error is not None:
            # A fresh copy: the raised error's traceback holds the frames that hold the request, which holds
            # this; raising the kept error would make a cycle keeping a 20 MiB body until a full collection.
            raise _fresh(self.error)
        return self.value


def read_body_json(data: bytes | bytearray, limits: JsonLimits, already: ReadJson | None = None) -> Any:
    """The body's JSON: what the edge already read under the same limits, else read now (`read_json_any`)."""
    if already is not None and already.limits == limits:
        return already.get()
    return read_json_any(data, limits)


def read_json_any(data: bytes | bytearray, limits: JsonLimits) -> Any:
    """`read_json`, or for a large body the stepwise reading run to its end (same answers)."""
    if len(data) <= STEPWISE_ABOVE:
        return read_json(data, limits)
    steps = read_json_steps(data, limits)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


async def read_json_async(data: bytes | bytearray, limits: JsonLimits) -> ReadJson:
    """Read `data` stepwise, letting the event loop run every `SLICE_S`; errors are kept, not raised."""
    steps = read_json_steps(data, limits)
    due = time.perf_counter() + SLICE_S
    try:
        while True:
            next(steps)
            if time.perf_counter() >= due:
                await asyncio.sleep(0)
                due = time.perf_counter() + SLICE_S
    except StopIteration as done:
        return ReadJson(limits, value=done.value)
    except (JsonRefused, json.JSONDecodeError) as exc:
        # kept without its traceback, whose frames would keep the whole body alive until a full collection
        return ReadJson(limits, error=exc.with_traceback(None))


class _Reduced:
    """The body with long strings replaced by placeholders and long white space dropped, and the map back."""

    def __init__(self, data: bytes | bytearray) -> None:
        self.data = data
        self.parts: list[bytes | bytearray] = []
        self.kept_from = 0
        self.size = 0
        self.anchors_reduced = [0]  # where each verbatim stretch starts in the reduced body ...
        self.anchors_original = [0]  # ... and in the original one
        self.nonce = secrets.token_hex(8)
        self.long_strings: list[list[tuple[int, int]]] = []  # segments (start, end) of each long string

    def replace(self, start: int, end: int, stand_in: bytes) -> None:
        verbatim = self.data[self.kept_from : start]
        self.parts.append(verbatim)
        self.parts.append(stand_in)
        self.size += len(verbatim) + len(stand_in)
        self.anchors_reduced.append(self.size)
        self.anchors_original.append(end)
        self.kept_from = end

    def placeholder(self, index: int) -> str:
        return f"\x00{self.nonce}:{index}"

    def finish(self) -> bytes:
        self.parts.append(self.data[self.kept_from :])
        return b"".join(self.parts)

    def original_offset(self, reduced_offset: int) -> int:
        index = bisect_right(self.anchors_reduced, reduced_offset) - 1
        return self.anchors_original[index] + reduced_offset - self.anchors_reduced[index]


def read_json_steps(data: bytes | bytearray, limits: JsonLimits) -> Generator[None, None, Any]:
    """Read `data` as `read_json` does, yielding after every bounded step; the value is the return value."""
    for start in range(0, len(data), STEP):
        if data.find(b"\x00", start, start + STEP) >= 0:
            raise JsonRefused("contains a NUL byte")
        yield
    reduced = _Reduced(data)
    yield from _walk(data, limits, reduced)
    text_bytes = reduced.finish()
    try:
        text = text_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"not valid UTF-8 (byte {reduced.original_offset(exc.start)})") from None
    yield
    try:
        value = loads(text)
    except json.JSONDecodeError as exc:
        raise _moved(exc, text, reduced) from None
    if _SURROGATE_ESCAPE.search(text_bytes):
        refuse_lone_surrogates(value)
    yield
    if not reduced.long_strings:
        return value
    strings: dict[str, str] = {}
    for index, segments in enumerate(reduced.long_strings):
        strings[reduced.placeholder(index)] = yield from _decode_long(data, segments)
    return _put_back(value, strings)


def _walk(data: bytes | bytearray, limits: JsonLimits, reduced: _Reduced) -> Generator[None, None, None]:
    """Count depth and values, check every token's length and every string, note long strings and spaces."""
    size = len(data)
    depth = values = tokens = 0
    most_tokens = 5 * limits.max_values + 16
    position = 0
    while position < size:
        space_start = position
        position = yield from _run(_SPACE, data, position)
        if position - space_start > LONG:
            reduced.replace(space_start, position, b" ")
        if position >= size:
            break
        tokens += 1
        if tokens > most_tokens:
            raise too_many_values(limits)
        byte = data[position]
        if byte == _QUOTE:
            position = yield from _string(data, position, reduced)
            continue
        if byte in _OPEN:
            depth += 1
            values += 1
            if depth > limits.max_depth:
                raise too_deep(limits)
        elif byte in _CLOSE:
            depth -= 1
        elif byte == _COMMA:
            values += 1
        elif byte not in _STRUCTURE:
            end = _end(_TOKEN_END, data, position)
            if end - position > MAX_NUMBER_CHARS:
                yield from _refuse_long_literal(data, position)
            position = end
            continue
        if values > limits.max_values:
            raise too_many_values(limits)
        position += 1


def _string(data: bytes | bytearray, quote: int, reduced: _Reduced) -> Generator[None, None, int]:
    """Check the string starting at `quote` step by step; returns the position after its closing quote."""
    size = len(data)
    position = segment_start = quote + 1
    segments: list[tuple[int, int]] = []
    while True:
        end = _end(_PLAIN, data, position)
        if end - position < STEP:
            position = end
            if position >= size:
                raise _syntax_error("Unterminated string starting at", data, quote)
            byte = data[position]
            if byte == _QUOTE:
                break
            if byte != _BACKSLASH:
                raise _syntax_error("Invalid control character at", data, position)
            end = _end(_ESCAPED, data, position)
            if end == position:
                escape = data[position + 1 : position + 2]
                message = "Invalid \\uXXXX escape" if escape == b"u" else "Invalid \\escape"
                if not escape:
                    raise _syntax_error("Unterminated string starting at", data, quote)
                raise _syntax_error(message, data, position)
        position = _character_start(data, end, position)
        yield
        if position - segment_start >= SEGMENT:
            segments.append((segment_start, position))
            segment_start = position
    if position - quote - 1 > LONG:
        segments.append((segment_start, position))
        index = len(reduced.long_strings)
        reduced.long_strings.append(segments)
        stand_in = json.dumps(reduced.placeholder(index)).encode("ascii")
        reduced.replace(quote, position + 1, stand_in)
    return position + 1


def _character_start(data: bytes | bytearray, end: int, floor: int) -> int:
    """`end`, moved back to the first byte of a UTF-8 character (a step may stop inside one)."""
    while end > floor and end < len(data) and 0x80 <= data[end] < 0xC0:
        end -= 1
    return end


def _refuse_long_literal(data: bytes | bytearray, start: int) -> Generator[None, None, None]:
    """A number (or word) of more than MAX_NUMBER_CHARS characters: refused as `read_json` refuses it."""
    end = yield from _run(_LITERAL_REST, data, start)
    digits_from = start + (data[start] == ord("-"))
    if end > digits_from and (yield from _run(_DIGITS, data, digits_from)) == end:
        raise integer_too_long(end - digits_from)
    if data[start] in b"-0123456789" and (yield from _run(_NUMBERISH, data, start)) == end:
        raise number_too_long(end - start)
    raise _syntax_error("Expecting value", data, start)


def _run(pattern: re.Pattern[bytes], data: bytes | bytearray, start: int) -> Generator[None, None, int]:
    """Where the run of `pattern`'s bytes from `start` ends, found STEP bytes at a time."""
    position = start
    while True:
        end = _end(pattern, data, position)
        full = end - position == STEP
        position = end
        if not full:
            return position
        yield


def _end(pattern: re.Pattern[bytes], data: bytes | bytearray, position: int) -> int:
    match = pattern.match(data, position)  # every pattern here ends in {0,n}: it always matches
    return match.end() if match is not None else position


def _decode_long(data: bytes | bytearray, segments: list[tuple[int, int]]) -> Generator[None, None, str]:
    parts: list[str] = []
    for start, end in segments:
        raw = data[start:end]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JsonRefused(f"not valid UTF-8 (byte {start + exc.start})") from None
        if b"\\" in raw:
            text = json.decoder.scanstring(text + '"', 0)[0]  # type: ignore[attr-defined]
            if _SURROGATE_ESCAPE.search(raw):
                refuse_lone_surrogates(text)
        parts.append(text)
        yield
    return "".join(parts)


def _put_back(value: Any, strings: dict[str, str]) -> Any:
    if isinstance(value, str):
        return strings.get(value, value)
    if isinstance(value, list):
        return [_put_back(item, strings) for item in value]
    if isinstance(value, dict):
        pairs = [(strings.get(key) or key, _put_back(item, strings)) for key, item in value.items()]
        return no_duplicates(pairs)
    return value


def _moved(error: json.JSONDecodeError, text: str, reduced: _Reduced) -> json.JSONDecodeError:
    """`error`, found in the reduced text, placed where it is in the body."""
    offset = reduced.original_offset(len(text[: error.pos].encode("utf-8")))
    return _syntax_error(error.msg, reduced.data, offset)


def _syntax_error(message: str, data: bytes | bytearray, offset: int) -> json.JSONDecodeError:
    """A JSONDecodeError at byte `offset` of `data`, with json's line and column (in characters)."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return _decode_error(message, offset, data.count(b"\n", 0, offset) + 1, column)


def _decode_error(message: str, offset: int, line: int, column: int) -> json.JSONDecodeError:
    error = json.JSONDecodeError(message, "", 0)  # (json computes line and column from the whole text)
    error.pos, error.lineno, error.colno = offset, line, column
    error.args = (f"{message}: line {line} column {column} (byte {offset})",)
    return error


def _fresh(error: ValueError) -> ValueError:
    """The same error, without the traceback of where it was first raised."""
    if isinstance(error, json.JSONDecodeError):
        return _decode_error(error.msg, error.pos, error.lineno, error.colno)
    return type(error)(*error.args)
