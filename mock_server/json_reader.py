"""JSON read with limits, so that one body costs a small multiple of its size and holds only finite numbers.

Both APIs read JSON here (the public API through `wire.parse_json_body`, the control API through its own
body reader), so a limit holds everywhere:

- at most `max_values` values (array items and object members): a 20 MB body of `[{},{},...]` would
  otherwise become millions of Python objects (gigabytes, seconds on the one event loop);
- at most `max_depth` levels of nesting (Python's parser would raise RecursionError);
- integers within 64 bits and numbers written in at most 64 characters (Python refuses to read an integer
  of more than 4300 digits with a ValueError, and reading a long one is quadratic);
- no NaN, Infinity or -Infinity, and no number that overflows to infinity (`1e400`): every number read is
  finite, so nothing non-finite can reach stored state;
- no duplicate key in an object.

Counts and depth are measured before parsing on the body with its strings cut out, by C-speed byte
operations (a regular expression, `bytes.count`, `bytes.translate`), so a hostile body is refused before any
Python object is built for it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

MAX_VALUES = 10_000
MAX_NUMBER_CHARS = 64
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class JsonRefused(ValueError):
    """A JSON document over a limit, or holding a number the fake does not accept; the message says which."""


@dataclass(frozen=True, slots=True)
class JsonLimits:
    max_depth: int = 64
    max_values: int = MAX_VALUES


def read_json(data: bytes, limits: JsonLimits) -> Any:
    """Parse UTF-8 `data` within `limits`; raises JsonRefused (encoding, limits, numbers, duplicate keys) or
    json.JSONDecodeError (not JSON at all)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"not valid UTF-8 (byte {exc.start})") from None
    if "\x00" in text:
        raise JsonRefused("contains a NUL byte")
    _check_shape(data, limits)
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except RecursionError:  # cannot happen after _check_shape, kept so that it could never be a 500
        raise JsonRefused(f"JSON nests deeper than {limits.max_depth} levels") from None


def _check_shape(data: bytes, limits: JsonLimits) -> None:
    """Refuse too many values or too deep nesting, counted outside strings, before anything is parsed."""
    rough = data.count(b",") + data.count(b"[") + data.count(b"{")
    if rough <= min(limits.max_depth, limits.max_values):
        return  # cannot be over either limit: the common, small body costs three counts
    bare = _STRING.sub(b'""', data)
    depth = 0
    for char in bare.translate(None, _NOT_BRACKETS)[: limits.max_values + 1]:  # a bounded loop
        depth += 1 if char in b"[{" else -1
        if depth > limits.max_depth:
            raise JsonRefused(f"JSON nests deeper than {limits.max_depth} levels")
    values = bare.count(b",") + bare.count(b"[") + bare.count(b"{")
    if values > limits.max_values:
        raise JsonRefused(f"JSON holds about {values} values; at most {limits.max_values} are accepted")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonRefused(f"duplicate key {key[:100]!r} in a JSON object")
            seen.add(key)
    return result


def _integer(literal: str) -> int:
    if len(literal) > 20:
        raise JsonRefused(
            f"an integer of {len(literal.lstrip('-'))} digits is out of range (64-bit integers only)"
        )
    value = int(literal)
    if not INT_MIN <= value <= INT_MAX:
        raise JsonRefused(f"the integer {literal} is out of range (64-bit integers only)")
    return value


def _float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise JsonRefused(
            f"a number written with {len(literal)} characters is too long (at most {MAX_NUMBER_CHARS})"
        )
    value = float(literal)
    if not math.isfinite(value):
        raise JsonRefused(f"the number {literal} is out of range (it overflows to infinity)")
    return value


def _constant(name: str) -> float:
    raise JsonRefused(f"{name} is not a JSON number: only finite numbers are accepted")
