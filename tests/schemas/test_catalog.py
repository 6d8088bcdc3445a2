"""The catalog covers exactly the operations in scope, and every schema is well formed and described."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from akool_mock.schemas import Operation, load_catalog
from akool_mock.schemas.catalog import KINDS

CATALOG = load_catalog()
OPS = CATALOG.operations
ID_PATTERN = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*\.[a-z]+(_[a-z0-9]+)*$")


def tsv_routes(docs: Path) -> set[tuple[str, str, str]]:
    with (docs / "operations.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {(row["method"], row["host"], row["path"]) for row in rows if row["method"] != "OUT"}


def current_routes(docs: Path) -> set[tuple[str, str, str]]:
    """Every route `current/` (Akool's 2026 docs) documents and the catalog serves."""
    from akool_mock.schemas.docs_diff import resolve
    from akool_mock.schemas.docs_tree import read_tree

    pages = read_tree(docs / "current")
    found = (resolve(CATALOG, endpoint) for page in pages for endpoint in page.endpoints())
    return {(op.method, op.host, op.path) for op in found if op is not None}


def test_catalog_equals_operations_tsv_plus_the_2026_docs(akool_docs: Path) -> None:
    ours = {(op.method, op.host, op.path) for op in OPS}
    theirs = tsv_routes(akool_docs)
    assert len(theirs) == 59
    assert ours - theirs - current_routes(akool_docs) == set(), (
        "operations in neither operations.tsv nor current/"
    )
    assert theirs - ours == set(), "operations.tsv rows missing from the catalog"


def test_catalog_has_the_webhook() -> None:
    hook = CATALOG.webhook
    assert CATALOG.store.has(hook.delivery_schema)
    assert CATALOG.store.has(hook.payload_schema)
    assert hook.types, "the webhook entry lists the type string of each area"


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
def test_operation_entry_is_complete(op: Operation) -> None:
    assert ID_PATTERN.match(op.id), op.id
    assert op.kind in KINDS
    assert op.host in ("openapi.akool.com", "sg3.akool.com")
    assert op.summary
    assert op.docs or op.openapi, "an entry names its doc page or OpenAPI file"
    assert CATALOG.store.has(op.request_schema_id)
    assert CATALOG.store.has(op.response_schema_id)
    if op.kind == "job_create":
        assert op.job is not None, "a job_create entry describes its job"
        poll = CATALOG.operation(op.job.poll_operation)
        assert poll.kind in ("job_poll", "list"), poll.id
        assert op.job.media in ("image", "video", "audio", "none")
    else:
        assert op.job is None
    if op.kind == "job_poll":
        assert op.poll is not None, "a job_poll entry says where ids go and where jobs are"
        assert op.poll.id_in.split(".", 1)[0] in ("query", "body", "path")
    for param in op.path_params:
        assert param in op.request_schema["properties"]["path"]["properties"]


def test_every_job_create_is_polled_by_an_operation_that_reads_it() -> None:
    pollers = {op.job.poll_operation for op in OPS if op.job}
    assert pollers <= {op.id for op in OPS}


@pytest.mark.parametrize("schema_id", sorted(CATALOG.store.documents))
def test_schema_is_valid_and_described(schema_id: str) -> None:
    document = CATALOG.store.documents[schema_id]
    Draft202012Validator.check_schema(document)
    assert document.get("description"), f"{schema_id} has no description"
    undocumented = list(_undescribed_properties(document, "#"))
    assert undocumented == [], f"properties without a description: {undocumented}"
    for ref in _refs(document):
        resolved = CATALOG.store.registry.resolver(base_uri=schema_id).lookup(ref)
        assert resolved.contents is not None, ref


CONDITIONS = frozenset({"if", "then", "else", "not"})


def _undescribed_properties(node: Any, where: str) -> Any:
    """Properties with neither a description nor a $ref (whose target carries one).

    Conditions (if/then/else/not) only restate properties described where they are declared.
    """
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and "description" not in sub and "$ref" not in sub:
                yield f"{where}/properties/{name}"
        for key, value in node.items():
            if key not in CONDITIONS:
                yield from _undescribed_properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _undescribed_properties(item, f"{where}/{index}")


def _refs(node: Any) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_routes_are_found_by_method_host_and_path() -> None:
    for op in OPS:
        path = re.sub(r"{[^}]+}", "0123456789abcdef01234567", op.path)
        assert CATALOG.by_route(op.method, op.host, path) is op
