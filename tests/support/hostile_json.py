"""A hypothesis strategy for hostile JSON bodies, as raw bytes (NaN and 100-digit integers are not JSON values
Python would write): huge, negative and non-finite numbers, deep nesting, long arrays, odd unicode, and
documents that are not JSON at all, mixed into otherwise plausible objects.

Sizes stay bounded (a few hundred KB at most) so that a test can send many of them.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e400", "-1e999", "1E+309", "-0.0e99999"]
BIG_INTEGERS = st.integers(20, 5000).map(lambda digits: "9" * digits) | st.sampled_from(
    ["9223372036854775808", "-9223372036854775809", "18446744073709551616", "-" + "1" * 4301]
)
ODD_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
) | st.sampled_from(["\u202eRTL", "\ufeffBOM", "\U0001f600" * 50, "e\u0301" * 30, "\\", "\u2028\u2029"])
ESCAPED_ODDITIES = st.sampled_from(['"\\ud800"', '"\\udfff\\ud800"', '"\\u0000"', '"\\uFFFF"', '"\\/"'])


def _number() -> st.SearchStrategy[str]:
    return (
        st.sampled_from(NON_FINITE)
        | BIG_INTEGERS
        | st.integers(-(2**70), 2**70).map(str)
        | st.floats(allow_nan=False, allow_infinity=False).map(repr)
        | st.integers(65, 400).map(lambda n: "0." + "1" * n)
    )


def _leaf() -> st.SearchStrategy[str]:
    return (
        _number()
        | ODD_TEXT.map(lambda text: json.dumps(text, ensure_ascii=False))
        | ESCAPED_ODDITIES
        | st.sampled_from(["true", "false", "null", '""', "[]", "{}"])
    )


def _array(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(inner, max_size=4).map(lambda items: "[" + ",".join(items) + "]")


def _object(inner: st.SearchStrategy[str], names: list[str]) -> st.SearchStrategy[str]:
    key = st.sampled_from(names) | ODD_TEXT if names else ODD_TEXT
    pairs = st.lists(st.tuples(key, inner), max_size=5)
    return pairs.map(lambda items: "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in items) + "}")


def _long_array(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    counts = st.integers(100, 3000)
    return st.tuples(inner, counts).map(lambda pair: "[" + ",".join([pair[0]] * pair[1]) + "]")


def _deep(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def nest(pair: tuple[str, int, bool]) -> str:
        value, depth, as_object = pair
        if as_object:
            return '{"a":' * depth + value + "}" * depth
        return "[" * depth + value + "]" * depth

    return st.tuples(inner, st.integers(60, 100_000), st.booleans()).map(nest)


def hostile_json(names: list[str] | None = None) -> st.SearchStrategy[bytes]:
    """Raw bodies: an object using `names` (the operation's fields) holding hostile values, or worse."""
    names = names or []
    values = st.recursive(_leaf(), lambda inner: _array(inner) | _object(inner, names), max_leaves=12)
    hostile = values | _long_array(values) | _deep(_leaf())
    document = (
        _object(hostile, names)
        | hostile
        | st.sampled_from(["", "{", "[1,]", '{"a":1,"a":2}', "\ufeff{}", "{}garbage", '{"a":"\\x"}'])
    )
    return document.map(lambda text: text.encode("utf-8", "surrogatepass"))
