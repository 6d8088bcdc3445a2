"""Request schemas as plain trees, merged into `Shape`s a value can be drawn from; cached validators."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from akool_mock.schemas import Operation

Schema = dict[str, Any]
BOUNDS: tuple[str, ...] = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
BOUNDS += ("minLength", "maxLength", "minItems", "maxItems")


def _inline(node: Any, base: str, op: Operation, seen: tuple[str, ...] = ()) -> Any:
    """`node` with every `$ref` replaced by the schema it names (a $ref beside other keys becomes allOf)."""
    if isinstance(node, list):
        return [_inline(item, base, op, seen) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline(v, base, op, seen) for k, v in node.items() if k != "$ref"}
    if "$ref" in node:
        ref = node["$ref"]
        uri = base + ref if ref.startswith("#") else ref
        if uri in seen:
            raise ValueError(f"{op.id}: recursive $ref {uri} cannot be generated")
        target = op.store.registry.resolver().lookup(uri).contents
        doc = uri.split("#", 1)[0]
        out.setdefault("allOf", []).append(_inline(target, doc, op, (*seen, uri)))
    return out


@cache
def request_schema(op: Operation) -> Schema:
    """The request schema of `op`, self-contained (no `$ref`)."""
    inlined: Schema = _inline(op.request_schema, op.request_schema_id, op)
    return inlined


_VALIDATORS: dict[tuple[int, ...], tuple[Draft202012Validator, tuple[Schema, ...]]] = {}
_PLAIN: dict[int, tuple[Schema, Schema]] = {}


def valid(parts: Schema | Sequence[Schema], value: Any) -> bool:
    """Whether `value` conforms to every schema in `parts`; validators are cached by the parts' identity
    (each entry keeps its parts alive, so an id is never reused while cached)."""
    kept = (parts,) if isinstance(parts, dict) else tuple(parts)
    key = tuple(id(part) for part in kept)
    if key not in _VALIDATORS:
        _VALIDATORS[key] = (Draft202012Validator({"allOf": list(kept)}), kept)
    return bool(_VALIDATORS[key][0].is_valid(value))


def _plain(part: Schema) -> Schema:
    """`part` without its combinators (once its alternatives are chosen), one object per part."""
    if id(part) not in _PLAIN:
        stripped = {k: v for k, v in part.items() if k not in ("anyOf", "oneOf", "allOf")}
        _PLAIN[id(part)] = (part, stripped)
    return _PLAIN[id(part)][1]


@dataclass
class Shape:
    """The conjunction of a node's parts, merged so that a value can be drawn for it."""

    types: set[str] | None = None
    consts: list[Any] = field(default_factory=list)
    enum: list[Any] | None = None
    properties: dict[str, list[Schema]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: list[Schema] = field(default_factory=list)
    bounds: dict[str, float] = field(default_factory=dict)
    patterns: list[str] = field(default_factory=list)
    choices: list[list[Schema]] = field(default_factory=list)
    conditionals: list[Schema] = field(default_factory=list)
    nots: list[Schema] = field(default_factory=list)


def flatten(parts: Sequence[Schema]) -> Iterator[Schema]:
    for part in parts:
        yield part
        yield from flatten(part.get("allOf", ()))


def _tighter(key: str, old: float | None, new: float) -> float:
    if old is None:
        return new
    return max(old, new) if key.startswith(("min", "exclusiveMin")) else min(old, new)


def shape_of(parts: Sequence[Schema]) -> Shape:
    shape = Shape()
    for part in flatten(parts):
        if "type" in part:
            declared = {part["type"]} if isinstance(part["type"], str) else set(part["type"])
            shape.types = declared if shape.types is None else shape.types & declared
        if "const" in part:
            shape.consts.append(part["const"])
        if "enum" in part:
            shape.enum = [v for v in part["enum"] if shape.enum is None or v in shape.enum]
        for name, sub in part.get("properties", {}).items():
            shape.properties.setdefault(name, []).append(sub)
        shape.required.update(part.get("required", ()))
        if "items" in part:
            shape.items.append(part["items"])
        for key in BOUNDS:
            if key in part:
                shape.bounds[key] = _tighter(key, shape.bounds.get(key), part[key])
        if "pattern" in part:
            shape.patterns.append(part["pattern"])
        shape.choices.extend(part[k] for k in ("anyOf", "oneOf") if k in part)
        if "if" in part:
            shape.conditionals.append(part)
        if "not" in part:
            shape.nots.append(part["not"])
    return shape
