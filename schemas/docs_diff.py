"""What a docs tree says that the catalog lacks or contradicts: the next docs change as a to-do list.

`diff(catalog, pages)` compares every page of a tree (read by `docs_tree.read_tree`) with the catalog:

- `endpoint`: a method and path a page documents that no operation serves;
- `field`: a field of a page's request or response table that the operation's schema does not name;
- `type`: a field whose table type (String, Integer, [Object], ...) the schema does not allow (query
  parameters excepted: they are text on the wire);
- `example`: a JSON example of a page that the operation's schema refuses;
- `page`: a page the catalog cites that the tree does not have;
- `deprecated`: a page marked deprecated (or hidden) whose operations the catalog does not mark.

Each finding has a stable `key`. `data/docs_source.json` records the snapshot the catalog was derived from and
the differences that are explained: a pattern (fnmatch) over keys and the `schemas/NOTES.md` anchor of the
decision. A finding that matches no pattern is unexplained.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from akool_mock.schemas.catalog import Catalog, Operation
from akool_mock.schemas.docs_tree import DocPage, Endpoint, Field
from akool_mock.schemas.registry import SCHEMA_DIR

SOURCE_FILE = SCHEMA_DIR / "data" / "docs_source.json"
DEFAULT_HOST = "openapi.akool.com"


@dataclass(frozen=True, slots=True)
class Finding:
    """One difference between a docs tree and the catalog."""

    kind: str
    key: str
    page: str
    detail: str
    explained_by: str | None = None

    def __str__(self) -> str:
        where = f" → NOTES.md #{self.explained_by}" if self.explained_by else ""
        return f"{self.key}  [{self.page}] {self.detail}{where}"


@dataclass(frozen=True, slots=True)
class Explanation:
    """Findings whose key matches `match` are explained by the NOTES.md entry `note`."""

    match: str
    note: str


def docs_source() -> dict[str, Any]:
    """The snapshot record: what the catalog was derived from, and the explained differences."""
    document: dict[str, Any] = json.loads(SOURCE_FILE.read_text(encoding="utf-8"))
    return document


def explanations(source: dict[str, Any] | None = None) -> list[Explanation]:
    raw = (source or docs_source())["explained"]
    return [Explanation(item["match"], item["note"]) for item in raw]


def resolve(catalog: Catalog, endpoint: Endpoint) -> Operation | None:
    """The operation serving a documented endpoint; a host-less path matches by its end (OpenAPI servers)."""
    host = endpoint.host or DEFAULT_HOST
    found = catalog.by_route(endpoint.method, host, endpoint.path)
    if found is not None or endpoint.host is not None:
        return found
    for op in catalog.operations:
        if op.method == endpoint.method and op.path.endswith(endpoint.path):
            return op
    return None


def diff(catalog: Catalog, pages: list[DocPage], notes: list[Explanation] | None = None) -> list[Finding]:
    """Every finding of the tree, each marked with the note that explains it (if any)."""
    rules = explanations() if notes is None else notes
    findings: dict[str, Finding] = {}
    for finding in _findings(catalog, pages):
        findings.setdefault(finding.key, finding)
    return [_explain(finding, rules) for finding in findings.values()]


def _explain(finding: Finding, rules: list[Explanation]) -> Finding:
    for rule in rules:
        if fnmatchcase(finding.key, rule.match):
            return Finding(finding.kind, finding.key, finding.page, finding.detail, rule.note)
    return finding


def _findings(catalog: Catalog, pages: list[DocPage]) -> Iterator[Finding]:
    for page in pages:
        yield from _page_findings(catalog, page)
    keys = {page.key for page in pages}
    for op in catalog.operations:
        for cited in op.docs:
            if cited not in keys:
                yield Finding(
                    "page", f"page {cited} {op.id}", cited, "cited by the catalog, not in this tree"
                )


def _page_findings(catalog: Catalog, page: DocPage) -> Iterator[Finding]:
    endpoints = page.endpoints()
    located: list[tuple[int, Operation | None]] = []
    for endpoint in endpoints:
        op = resolve(catalog, endpoint)
        located.append((endpoint.offset, op))
        if op is None:
            where = f"{endpoint.method} {endpoint.host or DEFAULT_HOST}{endpoint.path}"
            yield Finding("endpoint", f"endpoint {where}", page.key, "documented, not in the catalog")
        elif page.deprecated and not op.raw.get("deprecated"):
            yield Finding("deprecated", f"deprecated {op.id}", page.key, "the page is deprecated")
    if not located:
        return
    for field in page.fields():
        op = _operation_at(located, field.offset)
        if op is not None:
            yield from _field_findings(catalog, op, field, page.key)
    for example in page.examples():
        op = _operation_at(located, example.offset)
        if op is None:
            continue
        problem = _example_problem(op, example.value, example.direction)
        if problem:
            key = f"example {page.key}#{example.index} {op.id} {example.direction}"
            yield Finding("example", key, page.key, problem)


def _field_findings(catalog: Catalog, op: Operation, field: Field, page: str) -> Iterator[Finding]:
    """A documented field the schema does not name, or names with another type. Query parameters are text
    on the wire whatever the table says, so their types are not compared (schemas/AUTHORING.md)."""
    types = schema_types(catalog, op, field.direction)
    where = f"{op.id} {field.direction} {field.name}"
    if field.name not in types:
        yield Finding(
            "field", f"field {where}", page, f"{field.direction} field {field.name!r} not in the schema"
        )
        return
    known = types[field.name]
    if field.type is None or not known or (field.direction == "request" and op.method == "GET"):
        return
    numeric = {"integer", "number"}
    if field.type not in known and not (field.type in numeric and known & numeric):
        detail = f"documented as {field.type}, the schema says {' or '.join(sorted(known))}"
        yield Finding("type", f"type {where}", page, detail)


def _operation_at(located: list[tuple[int, Operation | None]], offset: int) -> Operation | None:
    """The operation of the last endpoint before `offset` (the first one for text before any endpoint)."""
    current = located[0][1]
    for start, op in located:
        if start > offset:
            break
        current = op
    return current


def _example_problem(op: Operation, value: Any, direction: str) -> str:
    if direction == "response":
        violations = op.response_errors(value)
    else:
        where = "query" if op.method == "GET" else "body"
        violations = op.request_errors({where: value, **_path_params(op)})
    return "; ".join(str(v) for v in violations[:3])


def _path_params(op: Operation) -> dict[str, Any]:
    return {"path": dict.fromkeys(op.path_params, "0" * 24)} if op.path_params else {}


def schema_names(catalog: Catalog, op: Operation, direction: str) -> frozenset[str]:
    """Every property name of an operation's request or response schema, through its `$ref`s."""
    return frozenset(schema_types(catalog, op, direction))


def schema_types(catalog: Catalog, op: Operation, direction: str) -> dict[str, set[str]]:
    """Every property name of an operation's request or response schema with the JSON types it may have."""
    schema = op.request_schema if direction == "request" else op.response_schema
    types: dict[str, set[str]] = {}
    _collect(catalog, schema, types, set())
    return types


def _collect(catalog: Catalog, node: Any, types: dict[str, set[str]], seen: set[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _collect(catalog, item, types, seen)
        return
    if not isinstance(node, dict):
        return
    for key in ("properties", "patternProperties"):
        if isinstance(node.get(key), dict):
            for name, sub in node[key].items():
                types.setdefault(name, set()).update(_types_of(catalog, sub, set()))
    ref = node.get("$ref")
    if isinstance(ref, str) and ref not in seen:
        seen.add(ref)
        _collect(catalog, _target(catalog, ref), types, seen)
    for key, value in node.items():
        if key not in ("$ref", "examples", "enum", "const", "default"):
            _collect(catalog, value, types, seen)


def _types_of(catalog: Catalog, node: Any, seen: set[str]) -> set[str]:
    """The JSON types a property schema allows (empty: unknown or any)."""
    if not isinstance(node, dict):
        return set()
    declared = node.get("type")
    found = {declared} if isinstance(declared, str) else set(declared or ())
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key) or ():
            found |= _types_of(catalog, sub, seen)
    ref = node.get("$ref")
    if isinstance(ref, str) and ref not in seen:
        seen.add(ref)
        found |= _types_of(catalog, _target(catalog, ref), seen)
    return found


def _target(catalog: Catalog, ref: str) -> Any:
    document_id, _, fragment = ref.partition("#")
    node: Any = catalog.store.documents.get(document_id, {})
    for part in filter(None, fragment.split("/")):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node


def unexplained(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.explained_by is None]


def missing_notes(rules: list[Explanation], notes_text: str) -> list[str]:
    """Anchors the explanations cite that NOTES.md does not define."""
    anchors = set(re.findall(r"\{#([\w.-]+)\}", notes_text))
    return sorted({rule.note for rule in rules if rule.note not in anchors})


def report(findings: list[Finding], source: dict[str, Any]) -> Iterator[str]:
    """The lines `akool-mock docs-diff` prints."""
    yield f"catalog derived from: {source['snapshot']['description']}"
    open_items = unexplained(findings)
    for finding in sorted(open_items, key=lambda f: f.key):
        yield f"UNEXPLAINED {finding}"
    for finding in sorted(findings, key=lambda f: f.key):
        if finding.explained_by:
            yield f"explained   {finding}"
    explained = len(findings) - len(open_items)
    if open_items:
        yield f"{len(open_items)} unexplained, {explained} explained"
    else:
        yield f"nothing unexplained ({explained} explained)"


def run(path: str, catalog: Catalog, notes_text: str) -> tuple[int, list[str]]:
    """`akool-mock docs-diff PATH`: exit status (0 nothing unexplained, 1 some, 2 unreadable) and lines."""
    from pathlib import Path

    from akool_mock.schemas.docs_tree import read_tree

    try:
        pages = read_tree(Path(path))
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        return 2, [f"akool-mock docs-diff: {exc}"]
    source = docs_source()
    rules = explanations(source)
    lines = [
        f"explanation cites NOTES.md #{anchor}, which does not exist"
        for anchor in missing_notes(rules, notes_text)
    ]
    findings = diff(catalog, pages, rules)
    lines += report(findings, source)
    return (1 if lines[0].startswith("explanation") or unexplained(findings) else 0), lines
