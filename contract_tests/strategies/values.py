"""Valid values from shapes: faker behind strings (chosen by field name and pattern), realistic numbers,
objects repaired until their if/then/else and `not` clauses hold, the request filtered by the validator."""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from hypothesis import strategies as st

from akool_mock.contract_tests.strategies.schema import (
    Schema,
    Shape,
    _plain,
    flatten,
    request_schema,
    shape_of,
    valid,
)
from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.schemas import Operation

Refs = Mapping[str, Sequence[Any]]
LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "ja", "ko", "zh", "ar", "hi", "ru", "nl", "tr", "pl")
MEDIA_WORDS = {
    "video": ("video", "mp4"),
    "audio": ("audio", "mp3"),
    "voice": ("audio", "mp3"),
    "sound": ("audio", "mp3"),
    "music": ("audio", "mp3"),
    "frame": ("images", "jpg"),
}
TEXT_WORDS = ("prompt", "content", "text", "prologue", "input", "desc", "message", "question")
MAX_ITEMS = 3


@cache
def _faker() -> Any:
    from faker import Faker

    return Faker()


@cache
def _png_base64() -> str:
    return base64.b64encode((FIXTURES_DIR / "media" / "placeholder.png").read_bytes()).decode()


def _media_url(fake: Any, name: str) -> str:
    folder, ext = next((v for k, v in MEDIA_WORDS.items() if k in name), ("images", "png"))
    return f"https://{fake.domain_name()}/{folder}/{fake.slug()}.{ext}"


Provider = Callable[[Any], Any]
# (does the field look like this?, the faker call that makes a realistic value for it), first match wins.
PROVIDERS: tuple[tuple[Callable[[str, Sequence[str]], bool], Callable[[str], Provider]], ...] = (
    (lambda n, _p: "webhook" in n, lambda _n: lambda fake: f"https://{fake.domain_name()}/webhooks/akool"),
    (
        lambda n, _p: n.endswith("ids"),
        lambda _n: lambda fake: ",".join(fake.hexify("^" * 24) for _ in range(fake.random_int(1, 3))),
    ),
    (
        lambda n, _p: n == "opts",
        lambda _n: (
            lambda fake: ":".join(f"{fake.random_int(0, 999)},{fake.random_int(0, 999)}" for _ in "1234")
        ),
    ),
    (
        lambda n, p: any(x.startswith("^https?") for x in p) or n.endswith(("url", "_img", "image", "file")),
        lambda n: lambda fake: _media_url(fake, n),
    ),
    (lambda n, _p: n == "img" or "base64" in n, lambda _n: lambda _fake: _png_base64()),
    (lambda n, _p: "lang" in n, lambda _n: lambda fake: fake.random_element(LANGUAGES)),
    (lambda n, _p: "color" in n, lambda _n: lambda fake: fake.hex_color()),
    (lambda n, _p: n == "name" or n.endswith("_name"), lambda _n: lambda fake: fake.name()),
    (lambda n, _p: any(w in n for w in TEXT_WORDS), lambda _n: lambda fake: fake.sentence(nb_words=8)),
)


def _provider(name: str, patterns: Sequence[str]) -> Provider | None:
    """The faker call that makes a realistic value for a string field `name` (lower case), if any."""
    return next((make(name) for matches, make in PROVIDERS if matches(name, patterns)), None)


def _word_or_id(name: str) -> Callable[[Any], str]:
    if name.endswith(("id", "ids")):
        return lambda fake: str(fake.hexify("^" * 24))
    return lambda fake: str(fake.word())


def _faked(provider: Callable[[Any], Any]) -> st.SearchStrategy[Any]:
    def make(seed: int) -> Any:
        fake = _faker()
        fake.seed_instance(seed)
        return provider(fake)

    return st.integers(0, 2**32 - 1).map(make)


# ----- values from shapes -------------------------------------------------------------------------------
def _string(shape: Shape, name: str) -> st.SearchStrategy[str]:
    low, high = int(shape.bounds.get("minLength", 0)), shape.bounds.get("maxLength")
    provider = _provider(name.lower(), shape.patterns)
    if provider is not None and high != 0:
        base: st.SearchStrategy[str] = _faked(provider)
    elif shape.patterns:
        base = st.from_regex(shape.patterns[0], fullmatch=True, alphabet=st.characters(codec="ascii"))
    elif high == 0:
        base = st.just("")
    else:
        base = _faked(_word_or_id(name.lower()))

    def fits(text: str) -> bool:
        ok = low <= len(text) and (high is None or len(text) <= high)
        return ok and all(re.search(p, text) for p in shape.patterns)

    return base.filter(fits)


def _number(shape: Shape, integer: bool) -> st.SearchStrategy[Any]:
    """Realistic magnitudes: within the bounds, and at most 100 past the one bound given (or 0..100)."""
    b = shape.bounds
    low = b.get("minimum", b.get("exclusiveMinimum"))
    high = b.get("maximum", b.get("exclusiveMaximum"))
    low = low if low is not None else (0 if high is None or high >= 0 else high - 100)
    high = high if high is not None else low + 100
    if integer:
        low = int(low) + 1 if "exclusiveMinimum" in b else math.ceil(low)
        high = int(high) - 1 if "exclusiveMaximum" in b else math.floor(high)
        return st.integers(low, high)
    return st.floats(
        low,
        high,
        exclude_min="exclusiveMinimum" in b,
        exclude_max="exclusiveMaximum" in b,
        allow_subnormal=False,
    )


def _type_of(shape: Shape) -> list[str]:
    if shape.types:
        return sorted(shape.types)
    if shape.properties or shape.required:
        return ["object"]
    if shape.patterns or "minLength" in shape.bounds or "maxLength" in shape.bounds:
        return ["string"]
    return ["string", "integer", "boolean"]


@st.composite
def value_of(draw: st.DrawFn, parts: Sequence[Schema], name: str, refs: Refs) -> Any:
    """A value valid against every schema in `parts`, for a field called `name`."""
    shape = shape_of(parts)
    if shape.choices:
        chosen = [draw(st.sampled_from(group)) for group in shape.choices]
        plain = [_plain(part) for part in flatten(parts)]
        return draw(value_of([*plain, *chosen], name, refs).filter(lambda v: valid(parts, v)))
    known = [v for v in refs.get(name, ()) if valid(parts, v)]
    if known:
        return draw(st.sampled_from(known))
    if shape.consts:
        return shape.consts[0]
    if shape.enum is not None:
        return draw(st.sampled_from([v for v in shape.enum if valid(parts, v)]))
    return draw(_by_type(draw(st.sampled_from(_type_of(shape))), shape, name, refs))


def _by_type(kind: str, shape: Shape, name: str, refs: Refs) -> st.SearchStrategy[Any]:
    if kind == "object":
        return _object(shape, refs)
    if kind == "array":
        items = value_of(shape.items, name[:-1] if name.endswith("s") else name, refs)
        low = int(shape.bounds.get("minItems", 0))
        return st.lists(items, min_size=low, max_size=int(shape.bounds.get("maxItems", low + MAX_ITEMS)))
    if kind in ("integer", "number"):
        return _number(shape, kind == "integer")
    scalars: dict[str, st.SearchStrategy[Any]] = {"boolean": st.booleans(), "null": st.none()}
    return scalars[kind] if kind in scalars else _string(shape, name)


@st.composite
def _object(draw: st.DrawFn, shape: Shape, refs: Refs) -> dict[str, Any]:
    optional = sorted(set(shape.properties) - shape.required)
    chosen = sorted(shape.required) + [p for p in optional if draw(st.booleans())]
    value = {name: draw(value_of(shape.properties.get(name, []), name, refs)) for name in chosen}
    for _ in range(4):
        if not _repair(draw, shape, value, refs):
            break
    return value


def _repair(draw: st.DrawFn, shape: Shape, value: dict[str, Any], refs: Refs) -> bool:
    """Make the if/then/else and `not` clauses of `shape` hold for `value`; True when it changed."""
    changed = False
    for clause in shape.conditionals:
        branch = clause.get("then") if valid(clause["if"], value) else clause.get("else")
        if branch is not None and not valid(branch, value):
            _apply(draw, shape, branch, value, refs)
            changed = True
    for rule in shape.nots:
        if valid(rule, value):
            for name in set(rule.get("required", ())) - shape.required:
                value.pop(name, None)
            changed = True
    return changed


def _apply(draw: st.DrawFn, shape: Shape, branch: Schema, value: dict[str, Any], refs: Refs) -> None:
    parts = [branch, *[draw(st.sampled_from(g)) for g in shape_of([branch]).choices]]
    wanted = shape_of(parts)
    for name in sorted(wanted.required | set(wanted.properties)):
        if name in wanted.required or name in value:
            merged = shape.properties.get(name, []) + wanted.properties.get(name, [])
            if name not in value or not valid(merged, value[name]):
                value[name] = draw(value_of(merged, name, refs))


def realistic(name: str) -> st.SearchStrategy[str]:
    """A realistic string for a field called `name` (a voice file URL, a person's name, a prompt)."""
    return _faked(_provider(name.lower(), ()) or _word_or_id(name.lower()))


# Lists the server pairs item by item, which a schema cannot say (NOTES.md #faceswap-face-count: each source
# face replaces one target face, at most 8): the second is made as long as the first.
PAIRED_LISTS = (("sourceImage", "targetImage"),)
MAX_PAIRED = 8


def _paired(case: dict[str, Any]) -> dict[str, Any]:
    body = case.get("body")
    if not isinstance(body, dict):
        return case
    for first, second in PAIRED_LISTS:
        lead, follow = body.get(first), body.get(second)
        if isinstance(lead, list) and isinstance(follow, list) and lead and follow:
            lead = lead[:MAX_PAIRED]
            follow = (follow * len(lead))[: len(lead)]
            body = {**body, first: lead, second: follow}
    return {**case, "body": body}


def valid_requests(op: Operation, refs: Refs | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Requests `{"body"?, "query"?, "path"?}` that conform to `op`'s request schema (and pair the lists
    the server pairs)."""
    schema = request_schema(op)
    cases = value_of([schema], "request", dict(refs or {})).map(_paired)
    return cases.filter(lambda case: not op.request_errors(case))
