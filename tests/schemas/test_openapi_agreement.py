"""Akool's own OpenAPI files agree with our schemas, or each difference is recorded with its NOTES anchor.

For every operation of `../shared/akool-docs/openapi/*.yaml` (the older `video-translation.e364a8d-...` copy
included) this compares, recursively, the request body, the query and path parameters and the success answer
(the 200 JSON, envelope and `data`) with our request and response schemas: the field names at each object
level, each field's JSON type, the `required` lists and the `enum` values. Formats, patterns, lengths and
ranges are not compared.

How the two sides are read:
- theirs: OpenAPI 3.0 (`nullable: true` adds `null`); `$ref`s to `#/components/...` are followed;
- ours: JSON Schema 2020-12; `$ref`s are followed through the catalog's registry;
- on both sides `allOf` members all apply; a field present in any `oneOf`/`anyOf` branch is present, a type
  or enum value allowed by any branch is allowed, and a field is required when every branch requires it;
  a branch that does not name a field says nothing about it; `then` and `else` are read as two such branches,
  a `then` without `else` (or the reverse) adds its fields but no required ones; `if` and `not` are ignored;
- `number` includes `integer`; a schema without `type` allows any type (`any`), except an `enum`/`const`
  whose values give the types; a `oneOf`/`anyOf` branch that neither types nor lists values (e.g.
  `{"required": ["url"]}`) adds no type;
- ours answers `code` 1000 only (the response schema is the success answer; any other code is checked against
  the error envelope), so the `code` values of an enveloped answer are not compared.

Every difference is one line, e.g. `faceswap.create_image request body.face_enhance: type ours=integer
theirs=boolean|integer` or `faceswap.list_results response data.result[].job_id: missing in theirs`; `[]` is
an array's items, `{}` the values of a map (`additionalProperties`). When an operation is defined in several
files, its id is followed by the file in parentheses. `schemas/data/openapi_differences.json` maps each
difference to the anchor of the NOTES entry that explains it (it lives in `data/` because the schema store
reads every other JSON file under `schemas/` as a schema); the test fails on a new difference and on a
recorded one that no longer exists.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import reduce
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from akool_mock.schemas import Operation, load_catalog

ROOT = Path(__file__).resolve().parents[2]
DIFFERENCES = ROOT / "schemas" / "data" / "openapi_differences.json"
NOTES = ROOT / "schemas" / "NOTES.md"
FRAGMENTS = ROOT / "schemas" / "notes"
CATALOG = load_catalog()
METHODS = ("get", "post", "put", "patch", "delete")
SECTIONS = ("body", "query", "path")
MAX_DEPTH = 60
BOOLEANS = frozenset({"false", "true"})

Schema = dict[str, Any]
Deref = Callable[[str], tuple[Any, "Deref"]]


# ---------------------------------------------------------------- the shape of a schema


@dataclass(frozen=True)
class Shape:
    """What this test compares of a schema: types, enum values, fields, required fields, items, map values."""

    types: frozenset[str] | None = None  # None: any type
    enum: frozenset[str] | None = None  # canonical JSON of each allowed value; None: not an enum
    props: dict[str, Shape] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Shape | None = None
    values: Shape | None = None  # additionalProperties / patternProperties

    @property
    def typed(self) -> bool:
        return self.types is not None or self.enum is not None


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _normal(types: Iterable[str]) -> frozenset[str]:
    """`number` already allows integers."""
    found = set(types)
    if "number" in found:
        found.discard("integer")
    return frozenset(found)


def _expand(types: frozenset[str]) -> frozenset[str]:
    return types | {"integer"} if "number" in types else types


def _own_types(schema: Schema, values: list[Any] | None) -> frozenset[str] | None:
    declared = schema.get("type")
    if declared is None:
        if values is None:
            return None
        found = {_json_type(value) for value in values}
    else:
        found = {declared} if isinstance(declared, str) else set(declared)
    if schema.get("nullable") is True:
        found.add("null")
    return _normal(found)


def _own_values(schema: Schema) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema:
        return list(schema["enum"])
    return None


def _optional_intersection(
    a: Shape | None, b: Shape | None, merge: Callable[[Shape, Shape], Shape]
) -> Shape | None:
    if a is None:
        return b
    if b is None:
        return a
    return merge(a, b)


def intersect(a: Shape, b: Shape) -> Shape:
    """Both schemas apply (`allOf`, or a `$ref` beside other keywords)."""
    if a.types is None:
        types = b.types
    elif b.types is None:
        types = a.types
    else:
        types = _normal(_expand(a.types) & _expand(b.types))
    if a.enum is None:
        enum = b.enum
    elif b.enum is None:
        enum = a.enum
    else:
        enum = a.enum & b.enum
    props = dict(a.props)
    for name, shape in b.props.items():
        props[name] = intersect(props[name], shape) if name in props else shape
    return Shape(
        types=types,
        enum=enum,
        props=props,
        required=a.required | b.required,
        items=_optional_intersection(a.items, b.items, intersect),
        values=_optional_intersection(a.values, b.values, intersect),
    )


def union(branches: list[Shape]) -> Shape:
    """One of the schemas applies (`oneOf`/`anyOf`)."""
    valued = [branch for branch in branches if branch.typed]
    types: frozenset[str] | None = None
    if valued:
        found: set[str] = set()
        for branch in valued:
            if branch.types is None:  # an enum without a type
                continue
            found |= branch.types
        types = _normal(found) if found else None
    enum: frozenset[str] | None = None
    if valued and all(branch.enum is not None for branch in valued):
        enum = frozenset().union(*(branch.enum or frozenset() for branch in valued))
    props: dict[str, Shape] = {}
    for branch in branches:
        for name, shape in branch.props.items():
            props[name] = union([props[name], shape]) if name in props else shape
    with_items = [branch.items for branch in branches if branch.items is not None]
    with_values = [branch.values for branch in branches if branch.values is not None]
    if enum == BOOLEANS and types == frozenset({"boolean"}):
        enum = None  # `true` in one branch and `false` in the other: any boolean
    return Shape(
        types=types,
        enum=enum,
        props=props,
        required=reduce(frozenset.intersection, (branch.required for branch in branches)),
        items=union(with_items) if with_items else None,
        values=union(with_values) if with_values else None,
    )


def loosen(shape: Shape) -> Shape:
    """The same shape with no field required at any depth (what a conditional `then` adds)."""
    return Shape(
        types=shape.types,
        enum=shape.enum,
        props={name: loosen(child) for name, child in shape.props.items()},
        items=None if shape.items is None else loosen(shape.items),
        values=None if shape.values is None else loosen(shape.values),
    )


def shape_of(schema: Any, deref: Deref, depth: int = 0) -> Shape:
    """The shape of a (JSON Schema or OpenAPI 3.0) schema, `$ref`s and combinators folded in."""
    if depth > MAX_DEPTH:
        raise RecursionError("schema nesting too deep (a recursive $ref?)")
    if not isinstance(schema, dict):
        return Shape()  # `true`, or a missing schema

    def sub(child: Any, resolve: Deref = deref) -> Shape:
        return shape_of(child, resolve, depth + 1)

    values = _own_values(schema)
    map_values = [sub(s) for s in schema.get("patternProperties", {}).values()]
    if isinstance(schema.get("additionalProperties"), dict):
        map_values.append(sub(schema["additionalProperties"]))
    parts = [
        Shape(
            types=_own_types(schema, values),
            enum=None if values is None else frozenset(_canonical(v) for v in values),
            props={name: sub(child) for name, child in schema.get("properties", {}).items()},
            required=frozenset(schema.get("required", ())),
            items=sub(schema["items"]) if isinstance(schema.get("items"), dict) else None,
            values=union(map_values) if map_values else None,
        )
    ]
    if "$ref" in schema:
        target, resolve = deref(schema["$ref"])
        parts.append(sub(target, resolve))
    parts.extend(sub(member) for member in schema.get("allOf", ()))
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            parts.append(union([sub(branch) for branch in schema[keyword]]))
    if "then" in schema and "else" in schema:
        parts.append(union([sub(schema["then"]), sub(schema["else"])]))
    elif "then" in schema or "else" in schema:
        parts.append(loosen(sub(schema.get("then", schema.get("else")))))
    return reduce(intersect, parts)


def our_deref(base_uri: str) -> Deref:
    """Follow our `$ref`s through the catalog's `referencing` registry."""
    resolver = CATALOG.store.registry.resolver(base_uri=base_uri)

    def deref_with(current: Any) -> Deref:
        def deref(ref: str) -> tuple[Any, Deref]:
            resolved = current.lookup(ref)
            return resolved.contents, deref_with(resolved.resolver)

        return deref

    return deref_with(resolver)


def their_deref(document: Schema) -> Deref:
    """Follow an OpenAPI file's internal `$ref`s (`#/components/...`)."""

    def deref(ref: str) -> tuple[Any, Deref]:
        if not ref.startswith("#/"):
            raise ValueError(f"external $ref {ref!r} in an OpenAPI file")
        node: Any = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, deref

    return deref


# ---------------------------------------------------------------- comparing two shapes


def _types_text(types: frozenset[str] | None) -> str:
    return "any" if types is None else "|".join(sorted(types))


def _enum_text(enum: frozenset[str] | None) -> str:
    return "none" if enum is None else "[" + ",".join(sorted(enum)) + "]"


def _child(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def compare(ours: Shape, theirs: Shape, path: str) -> Iterator[str]:
    """Differences `<path>: <what>` between our shape and theirs, depth first, fields in name order."""
    where = path or "(root)"
    if ours.types != theirs.types:
        yield f"{where}: type ours={_types_text(ours.types)} theirs={_types_text(theirs.types)}"
    if ours.enum != theirs.enum:
        yield f"{where}: enum ours={_enum_text(ours.enum)} theirs={_enum_text(theirs.enum)}"
    ours_names = set(ours.props) | ours.required
    their_names = set(theirs.props) | theirs.required
    for name in sorted(ours_names | their_names):
        child = _child(path, name)
        if name not in their_names:
            yield f"{child}: missing in theirs"
            continue
        if name not in ours_names:
            yield f"{child}: missing in ours"
            continue
        if (name in ours.required) != (name in theirs.required):
            side = "required in ours, optional in theirs"
            yield f"{child}: {side if name in ours.required else 'required in theirs, optional in ours'}"
        yield from compare(ours.props.get(name, Shape()), theirs.props.get(name, Shape()), child)
    if ours.items is not None or theirs.items is not None:
        yield from compare(ours.items or Shape(), theirs.items or Shape(), f"{path}[]")
    if ours.values is not None or theirs.values is not None:
        yield from compare(ours.values or Shape(), theirs.values or Shape(), f"{path}{{}}")


# ---------------------------------------------------------------- their operations and ours


@dataclass(frozen=True)
class TheirOperation:
    """One operation of an OpenAPI file."""

    file: str
    method: str
    host: str
    path: str
    spec: Schema
    document: Schema = field(repr=False)

    @property
    def route(self) -> str:
        return f"{self.method} {self.host}{self.path}"


def read_openapi(folder: Path) -> list[TheirOperation]:
    found: list[TheirOperation] = []
    for file in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(file.read_text(encoding="utf-8"))
        server = urlsplit(document["servers"][0]["url"])
        prefix = server.path.rstrip("/")
        for path, item in document["paths"].items():
            for method in METHODS:
                if method in item:
                    found.append(
                        TheirOperation(
                            file.name, method.upper(), server.netloc, prefix + path, item[method], document
                        )
                    )
    return found


def their_request(theirs: TheirOperation) -> tuple[dict[str, Shape], frozenset[str]]:
    """Their request sections (`body`, `query`, `path`) and which of them are required."""
    deref = their_deref(theirs.document)
    sections: dict[str, Shape] = {}
    required: set[str] = set()
    body = theirs.spec.get("requestBody")
    if body is not None:
        schema = body.get("content", {}).get("application/json", {}).get("schema")
        sections["body"] = shape_of(schema, deref)
        if body.get("required") is True:
            required.add("body")
    for where in ("query", "path"):
        params = [p for p in theirs.spec.get("parameters", ()) if p.get("in") == where]
        if not params:
            continue
        sections[where] = Shape(
            types=frozenset({"object"}),
            props={p["name"]: shape_of(p.get("schema"), deref) for p in params},
            required=frozenset(p["name"] for p in params if p.get("required") or where == "path"),
        )
        if sections[where].required:
            required.add(where)
    return sections, frozenset(required)


def their_response(theirs: TheirOperation) -> Shape:
    answer = theirs.spec["responses"]["200"]
    schema = answer.get("content", {}).get("application/json", {}).get("schema")
    return shape_of(schema, their_deref(theirs.document))


def _is_empty(shape: Shape | None) -> bool:
    return shape is None or (not shape.props and shape.items is None and shape.values is None)


def request_differences(op: Operation, theirs: TheirOperation) -> Iterator[str]:
    ours = shape_of(op.request_schema, our_deref(op.request_schema_id))
    their_sections, their_required = their_request(theirs)
    for section in SECTIONS:
        mine, other = ours.props.get(section), their_sections.get(section)
        if _is_empty(mine) and _is_empty(other):
            continue  # no fields on either side (e.g. our empty `query` of a GET without parameters)
        if mine is None or other is None:
            yield f"{section}: missing in {'theirs' if other is None else 'ours'}"
            continue
        if (section in ours.required) != (section in their_required):
            side = "ours" if section in ours.required else "theirs"
            yield f"{section}: required in {side}, optional in {'theirs' if side == 'ours' else 'ours'}"
        yield from compare(mine, other, section)


def response_differences(op: Operation, theirs: TheirOperation) -> Iterator[str]:
    ours = shape_of(op.response_schema, our_deref(op.response_schema_id))
    if op.envelope != "bare" and "code" in ours.props:
        # Our response schema is the success answer (code 1000); theirs documents every business code.
        ours = replace(ours, props={**ours.props, "code": replace(ours.props["code"], enum=None)})
    yield from compare(ours, their_response(theirs), "")


def differences(folder: Path) -> list[str]:
    """Every difference between the OpenAPI files in `folder` and our schemas, as stable strings."""
    theirs_all = read_openapi(folder)
    matched: list[tuple[Operation, TheirOperation]] = []
    found: list[str] = []
    for theirs in theirs_all:
        op = CATALOG.by_route(theirs.method, theirs.host, theirs.path)
        if op is None:
            found.append(f"{theirs.route} ({theirs.file}): not in our catalog")
        else:
            matched.append((op, theirs))
    files_per_op: dict[str, int] = {}
    for op, _ in matched:
        files_per_op[op.id] = files_per_op.get(op.id, 0) + 1
    for op, theirs in matched:
        label = op.id if files_per_op[op.id] == 1 else f"{op.id} ({theirs.file})"
        found.extend(f"{label} request {line}" for line in request_differences(op, theirs))
        found.extend(f"{label} response {line}" for line in response_differences(op, theirs))
    return found


def recorded() -> dict[str, str]:
    data: dict[str, str] = json.loads(DIFFERENCES.read_text(encoding="utf-8"))
    return data


def notes_text() -> str:
    if NOTES.exists():
        return NOTES.read_text(encoding="utf-8")
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(FRAGMENTS.glob("*.md")))


@pytest.fixture(scope="module")
def openapi_dir(akool_docs: Path) -> Path:
    return akool_docs / "openapi"


# ---------------------------------------------------------------- the tests


def test_every_difference_is_recorded_and_every_record_is_a_difference(openapi_dir: Path) -> None:
    found = differences(openapi_dir)
    assert len(found) == len(set(found)), "a difference is reported twice"
    expected = set(recorded())
    new = sorted(set(found) - expected)
    stale = sorted(expected - set(found))
    assert new == [], "differences with the OpenAPI files not in schemas/data/openapi_differences.json:\n" + (
        "\n".join(new)
    )
    assert stale == [], "recorded differences that no longer exist (remove them):\n" + "\n".join(stale)


def test_every_recorded_difference_names_a_notes_entry() -> None:
    notes = notes_text()
    missing = sorted({anchor for anchor in recorded().values() if f"{{#{anchor}}}" not in notes})
    assert missing == [], f"anchors with no NOTES entry: {missing}"


def test_the_comparison_covers_every_operation_of_the_files(openapi_dir: Path) -> None:
    """The files' README lists 22 operations in six files; the older translation copy adds 4 (one of them not
    in our catalog)."""
    theirs_all = read_openapi(openapi_dir)
    assert len(theirs_all) == 26, [f"{t.route} ({t.file})" for t in theirs_all]
    assert {t.file for t in theirs_all} == {p.name for p in openapi_dir.glob("*.yaml")}
    unmatched = [t for t in theirs_all if CATALOG.by_route(t.method, t.host, t.path) is None]
    assert [t.path for t in unmatched] == ["/api/open/v4/voice/videoTranslation"]


@pytest.mark.parametrize("op", [op for op in CATALOG.operations if op.openapi], ids=lambda op: op.id)
def test_the_catalog_names_files_that_define_the_operation(op: Operation, openapi_dir: Path) -> None:
    defined = {
        t.file
        for t in read_openapi(openapi_dir)
        if CATALOG.by_route(t.method, t.host, t.path) is op  # the same object from the cached catalog
    }
    assert set(op.openapi) <= defined, f"{op.id} names {op.openapi}, defined in {sorted(defined)}"


# ---------------------------------------------------------------- the comparison itself


def _no_refs(ref: str) -> tuple[Any, Deref]:
    raise AssertionError(f"unexpected $ref {ref}")


def _diff(ours: Schema, theirs: Schema) -> list[str]:
    return list(compare(shape_of(ours, _no_refs), shape_of(theirs, _no_refs), ""))


def test_compare_reports_types_enums_fields_and_required() -> None:
    ours: Schema = {
        "type": "object",
        "required": ["a"],
        "properties": {
            "a": {"type": "integer", "enum": [0, 1]},
            "b": {"type": "array", "items": {"type": "string"}},
            "c": {"type": "string"},
        },
    }
    theirs: Schema = {
        "type": "object",
        "properties": {
            "a": {"type": "boolean"},
            "b": {"type": "array", "items": {"type": "number", "nullable": True}},
            "d": {"type": "string"},
        },
    }
    assert _diff(ours, theirs) == [
        "a: required in ours, optional in theirs",
        "a: type ours=integer theirs=boolean",
        "a: enum ours=[0,1] theirs=none",
        "b[]: type ours=string theirs=null|number",
        "c: missing in theirs",
        "d: missing in ours",
    ]


def test_compare_looks_inside_combinators() -> None:
    ours: Schema = {
        "type": "object",
        "required": ["x"],
        "properties": {"x": {"oneOf": [{"type": "integer", "enum": [1]}, {"type": "string", "enum": ["1"]}]}},
        "oneOf": [
            {"required": ["u"], "properties": {"u": {"type": "string"}}},
            {"required": ["v"], "properties": {"v": {"type": "string"}}},
        ],
        "allOf": [{"properties": {"w": {"const": ""}}}],
    }
    theirs: Schema = {
        "type": "object",
        "required": ["x"],
        "properties": {
            "x": {"type": "integer", "enum": [1]},
            "u": {"type": "string"},
            "v": {"type": "string"},
            "w": {"type": "string", "enum": [""]},
        },
    }
    assert _diff(ours, theirs) == [
        "x: type ours=integer|string theirs=integer",
        'x: enum ours=["1",1] theirs=[1]',
    ]
