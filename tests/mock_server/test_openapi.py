"""`akool-mock openapi`: one OpenAPI 3.1 document of the whole contract that the usual tools accept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from openapi_spec_validator import validate

from akool_mock.mock_server.cli import main
from akool_mock.mock_server.openapi import build_openapi
from akool_mock.schemas import load_catalog


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return build_openapi()


def test_cli_writes_the_document(tmp_path: Path) -> None:
    target = tmp_path / "akool.json"
    assert main(["openapi", "-o", str(target)]) == 0
    written = json.loads(target.read_text())
    assert written["openapi"] == "3.1.0"


def test_passes_openapi_spec_validator(document: dict[str, Any]) -> None:
    validate(document)


def test_every_operation_is_there_with_its_server_and_security(document: dict[str, Any]) -> None:
    found = {}
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            found[spec["operationId"]] = (method.upper(), path, spec)
    catalog = load_catalog()
    assert set(found) == {op.id for op in catalog.operations}
    for op in catalog.operations:
        method, path, spec = found[op.id]
        assert (method, path) == (op.method, op.path)
        assert spec["servers"] == [{"url": f"https://{op.host}"}]
        assert spec["security"] == ([] if op.auth == "none" else [{"apiKey": []}, {"bearer": []}])
    schemes = document["components"]["securitySchemes"]
    assert schemes["apiKey"] == {**schemes["apiKey"], "type": "apiKey", "in": "header", "name": "x-api-key"}
    assert schemes["bearer"]["scheme"] == "bearer"


def test_doc_examples_are_attached(document: dict[str, Any]) -> None:
    examples = 0
    for methods in document["paths"].values():
        for spec in methods.values():
            body = spec.get("requestBody", {}).get("content", {}).get("application/json", {})
            examples += len(body.get("examples", {}))
            examples += len(spec["responses"]["200"]["content"]["application/json"].get("examples", {}))
    assert examples > 100


def test_the_webhook_is_described(document: dict[str, Any]) -> None:
    post = document["webhooks"]["jobStatusChanged"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].startswith("#/components/")


def test_no_ref_points_outside_the_document(document: dict[str, Any]) -> None:
    def refs(node: Any) -> Any:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from [value] if key == "$ref" else refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    components = document["components"]["schemas"]
    for ref in refs(document):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in components, ref


def test_loads_in_schemathesis(document: dict[str, Any]) -> None:
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(load_catalog())
    for operation in operations:
        operation.as_strategy()  # builds the case strategy; raises on a schema Schemathesis cannot use
