"""Negative cases: a valid request with ONE rule broken at one field, kept only when the validator's
violations are all at that field, labelled `(rule, field)`."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from akool_mock.contract_tests.strategies.schema import Schema, Shape, request_schema, shape_of, valid
from akool_mock.contract_tests.strategies.values import Refs, valid_requests
from akool_mock.schemas import Operation
from akool_mock.schemas.registry import json_path

RULES = ("required", "type", "enum", "range", "pattern", "exclusive")
WRONG_TYPE = {
    "string": 12345,
    "integer": "twelve",
    "number": "twelve",
    "boolean": "yes",
    "array": "not-a-list",
}
WRONG_TYPE["object"] = "not-an-object"
DROP = object()


@dataclass(frozen=True)
class Negative:
    """A request that breaks one `rule` at `field` (a JSON path like `body.sourceImage[0].path`)."""

    request: dict[str, Any]
    rule: str
    field: str
    where: str  # the path the violation is reported at (the field, or its object for `exclusive`)


@dataclass(frozen=True)
class Site:
    path: tuple[str | int, ...]
    shape: Shape
    value: Any


def _sites(value: Any, parts: Sequence[Schema], path: tuple[str | int, ...]) -> Iterator[Site]:
    """Every location of a valid `value` with the shape its schema gives it there."""
    shape = shape_of(parts)
    active: list[Schema | None] = [alt for group in shape.choices for alt in group if valid(alt, value)]
    active += [c.get("then") if valid(c["if"], value) else c.get("else") for c in shape.conditionals]
    full = shape_of([*parts, *[a for a in active if a is not None]])
    yield Site(path, shape, value)
    if isinstance(value, dict):
        for name, child in value.items():
            if full.properties.get(name):
                yield from _sites(child, full.properties[name], (*path, name))
    elif isinstance(value, list) and full.items:
        for index, item in enumerate(value):
            yield from _sites(item, full.items, (*path, index))


def _broken_strings(shape: Shape) -> list[str]:
    low, high = shape.bounds.get("minLength", 0), shape.bounds.get("maxLength")
    fits = [s for s in ("not a match", "%%", "x y") if low <= len(s) and (high is None or len(s) <= high)]
    return [s for s in fits if not all(re.search(p, s) for p in shape.patterns)][:1]


def _ranges(shape: Shape, value: Any) -> list[Any]:
    b, out = shape.bounds, list[Any]()
    if isinstance(value, int | float) and not isinstance(value, bool):
        step = 1 if "integer" in (shape.types or ()) else 0.5
        out += [b["minimum"] - step] if "minimum" in b else []
        out += [b["maximum"] + step] if "maximum" in b else []
        out += [b[k] for k in ("exclusiveMinimum", "exclusiveMaximum") if k in b]
    if isinstance(value, str):
        out += ["x" * int(b["maxLength"] + 1)] if "maxLength" in b else []
        out += [""] if b.get("minLength", 0) >= 1 else []
    if isinstance(value, list):
        out += [value[: int(b["minItems"]) - 1]] if b.get("minItems", 0) >= 1 else []
        out += [value + value[:1] * int(b["maxItems"] + 1)] if "maxItems" in b and value else []
    return out


def _exclusive(shape: Shape, value: dict[str, Any]) -> list[tuple[str, Any]]:
    """`(b, value)` for each pair where one alternative requires a and forbids b, and only a is present."""
    pairs = []
    for group in shape.choices:
        for alt in group:
            present = set(alt.get("required", ())) & set(value)
            for other in set(alt.get("not", {}).get("required", ())) - set(value):
                pairs += [(other, value[name]) for name in present]
    return pairs


def _mutations(site: Site) -> Iterator[tuple[str, tuple[str | int, ...], Any]]:
    shape, value, path = site.shape, site.value, site.path
    kind = next((t for t, py in (("boolean", bool), ("integer", int)) if isinstance(value, py)), None)
    kind = kind or next((t for t, py in JSON_PY.items() if isinstance(value, py)), None)
    in_query = path[:1] == ("query",)
    typed = shape.types is not None  # without a declared type, a value of another type breaks its enum
    if typed and len(path) > 1 and kind and not (in_query and kind == "string"):
        yield "type", path, WRONG_TYPE[kind]
    if shape.enum is not None and kind in ("string", "integer"):
        numbers = [v for v in shape.enum if isinstance(v, int)]
        yield "enum", path, "zz-not-an-option" if kind == "string" else max(numbers, default=0) + 1000
    for broken in _ranges(shape, value) if len(path) > 1 else ():
        yield "range", path, broken
    for broken in _broken_strings(shape) if isinstance(value, str) and shape.patterns else ():
        yield "pattern", path, broken
    if isinstance(value, dict) and len(path) >= 1:
        for name in sorted(shape.required & set(value)):
            yield "required", (*path, name), DROP
        for name, copied in _exclusive(shape, value):
            yield "exclusive", (*path, name), copied


JSON_PY: dict[str, Any] = {"number": float, "string": str, "array": list, "object": dict}


def _apply_mutation(case: dict[str, Any], path: tuple[str | int, ...], new: Any) -> dict[str, Any]:
    broken = copy.deepcopy(case)
    holder: Any = broken
    for part in path[:-1]:
        holder = holder[part]
    if new is DROP:
        del holder[path[-1]]
    else:
        holder[path[-1]] = new
    return broken


def negative_case(
    op: Operation, case: dict[str, Any], rule: str, path: tuple[str | int, ...], new: Any
) -> Negative | None:
    """The mutation as a labelled case, if it breaks exactly that rule there (else None)."""
    if path[0] == "query" and new in ([], ""):
        return None  # an empty list (or an empty value) cannot be told from no parameter on the wire
    broken = _apply_mutation(case, path, new)
    field = json_path(list(path))
    where = json_path(list(path[:-1])) if rule == "exclusive" else field
    violations = op.request_errors(broken)
    if violations and all(v.path == where for v in violations):
        return Negative(broken, rule, field, where)
    return None


def missing_required(op: Operation, case: dict[str, Any]) -> list[Negative]:
    """Every required field of a valid `case` dropped in turn (one case each): a fixed pass, not a sample."""
    sites = [site for site in _sites(case, [request_schema(op)], ()) if site.path[:1] != ("path",)]
    drops = [m for site in sites for m in _mutations(site) if m[0] == "required"]
    return [n for n in (negative_case(op, case, *drop) for drop in drops) if n is not None]


def breakable(op: Operation) -> bool:
    """Whether `op` has any body or query field a negative case could break (getQuota has none)."""
    parts = request_schema(op).get("properties", {})
    return any(shape_of([parts[where]]).properties for where in ("body", "query") if where in parts)


@st.composite
def negative_requests(draw: st.DrawFn, op: Operation, refs: Refs | None = None) -> Negative:
    """A valid request of `op` with ONE rule broken at one field, labelled with the rule and the field."""
    case = draw(valid_requests(op, refs))
    sites = _sites(case, [request_schema(op)], ())
    candidates = [m for site in sites if site.path[:1] != ("path",) for m in _mutations(site)]
    order = draw(st.permutations(range(len(candidates))))
    found = next((n for n in (negative_case(op, case, *candidates[i]) for i in order) if n is not None), None)
    assume(found is not None)
    assert found is not None
    return found
