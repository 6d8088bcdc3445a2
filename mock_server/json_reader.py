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
- no duplicate key in an object, and no lone surrogate (`"\\ud800"`) in a string.

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

MAX_VALUES = 2_000  # the docs' largest request example holds 49 values
MAX_NUMBER_CHARS = 64
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
_TOKEN = re.compile(rb'"[^"]*"|[,\[\]{}]')
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'",[]{}')
PREFIX_BYTES = 64 * 1024
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


class JsonRefused(ValueError):
    """A JSON document over a limit, or holding a number the fake does not accept; the message says which."""


@dataclass(frozen=True, slots=True)
class JsonLimits:
    max_depth: int = 64
    max_values: int = MAX_VALUES


def read_json(data: bytes | bytearray, limits: JsonLimits) -> Any:
    """Parse UTF-8 `data` within `limits`; raises JsonRefused (encoding, limits, numbers, duplicate keys) or
    json.JSONDecodeError (not JSON at all)."""
    _check_shape(data, limits)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"not valid UTF-8 (byte {exc.start})") from None
    if "\x00" in text:
        raise JsonRefused("contains a NUL byte")
    try:
        value = loads(text)
    except RecursionError:  # cannot happen after _check_shape, kept so that it could never be a 500
        raise too_deep(limits) from None
    if _SURROGATE_ESCAPE.search(data):  # rare: only then are the (at most max_values) strings looked at
        refuse_lone_surrogates(value)
    return value


def loads(text: str) -> Any:
    """json.loads with the reader's rules: finite 64-bit numbers, no duplicate keys (nor any limit check)."""
    return json.loads(
        text,
        object_pairs_hook=no_duplicates,
        parse_int=_integer,
        parse_float=_float,
        parse_constant=_constant,
    )


def refuse_lone_surrogates(value: Any) -> None:
    """`"\\ud800"` is valid JSON but not Unicode text: no answer (nor the schema check) could encode it."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            escaped = value[exc.start : exc.start + 1].encode("unicode_escape").decode("ascii")
            raise JsonRefused(
                f"a string holds a lone surrogate ({escaped}), which is not Unicode text"
            ) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_lone_surrogates(key)
            refuse_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            refuse_lone_surrogates(item)


def _check_shape(data: bytes | bytearray, limits: JsonLimits) -> None:
    """Refuse too many values or too deep nesting, counted outside strings, before anything is parsed.

    A body's first bytes are checked first: over a limit there means over it in the whole body, so a dense
    hostile body is refused after reading 64 KiB of it. The body is cut down to its skeleton (escaped
    backslashes and quotes dropped, then every byte but quotes, commas and brackets), so a long string
    costs one C-speed pass and nothing more. The skeleton is then walked token by token (a string is one
    token), stopping at the first limit passed: every string but the first follows a comma, a bracket or a
    colon, so the walk ends within a few times `max_values` tokens (and after 5 x `max_values` in any case).
    """
    if len(data) > PREFIX_BYTES:
        _check_skeleton(_skeleton(data[:PREFIX_BYTES]), limits)
    _check_skeleton(_skeleton(data), limits)


def _skeleton(data: bytes | bytearray) -> bytes | bytearray:
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    return data.translate(None, _NOT_STRUCTURE)


def _check_skeleton(skeleton: bytes | bytearray, limits: JsonLimits) -> None:
    if len(skeleton) <= min(limits.max_depth, limits.max_values):
        return  # cannot be over either limit: the common, small body
    depth = values = 0
    most_tokens = 5 * limits.max_values
    for count, token in enumerate(_TOKEN.finditer(skeleton)):
        char = token.group()[0]
        if char in b"[{":
            depth += 1
            values += 1
            if depth > limits.max_depth:
                raise too_deep(limits)
        elif char in b"]}":
            depth -= 1
        elif char == 44:  # a comma: one more value
            values += 1
        if values > limits.max_values or count > most_tokens:
            raise too_many_values(limits)


def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonRefused(f"duplicate key {key[:100]!r} in a JSON object")
            seen.add(key)
    return result


# What each limit says, whichever reader (this one, or json_stream.py's stepwise one) meets it.


def too_deep(limits: JsonLimits) -> JsonRefused:
    return JsonRefused(f"JSON nests deeper than {limits.max_depth} levels")


def too_many_values(limits: JsonLimits) -> JsonRefused:
    return JsonRefused(f"JSON holds more than {limits.max_values} values (array items and members)")


def integer_too_long(digits: int) -> JsonRefused:
    return JsonRefused(f"an integer of {digits} digits is out of range (64-bit integers only)")


def number_too_long(characters: int) -> JsonRefused:
    return JsonRefused(
        f"a number written with {characters} characters is too long (at most {MAX_NUMBER_CHARS})"
    )


def _integer(literal: str) -> int:
    if len(literal) > 20:
        raise integer_too_long(len(literal.lstrip("-")))
    value = int(literal)
    if not INT_MIN <= value <= INT_MAX:
        raise JsonRefused(f"the integer {literal} is out of range (64-bit integers only)")
    return value


def _float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise number_too_long(len(literal))
    value = float(literal)
    if not math.isfinite(value):
        raise JsonRefused(f"the number {literal} is out of range (it overflows to infinity)")
    return value


def _constant(name: str) -> float:
    raise JsonRefused(f"{name} is not a JSON number: only finite numbers are accepted")
