"""Export the whole contract as one OpenAPI 3.1 document.

The contract's schema documents reference each other by `$id` (`urn:akool-mock:schemas:...`); OpenAPI tools
want everything under `#/components/schemas`. So every document and each of its `$defs` is hoisted into
components under a dotted name (`faceswap.create_image.request`, `common.ObjectId`) and every `$ref`
rewritten.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from akool_mock._version import __version__
from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.mock_server.links import links_by_operation
from akool_mock.schemas import Catalog, Operation, load_catalog
from akool_mock.schemas.catalog import ERROR_ENVELOPE, SUCCESS
from akool_mock.schemas.registry import URN_PREFIX

OPENAPI_VERSION = "3.1.0"
COMPONENT = "#/components/schemas/"
EXAMPLES_FILE = FIXTURES_DIR / "docs" / "examples.json"


def _component_ref(ref: str, current: str) -> str:
    """Rewrite one `$ref` of document `current` to its hoisted component."""
    if ref.startswith(URN_PREFIX):
        document, _, pointer = ref[len(URN_PREFIX) :].partition("#")
    elif ref.startswith("#"):
        document, pointer = current, ref[1:]
    else:
        raise ValueError(f"{current}: unsupported $ref {ref!r}")
    if not pointer:
        return COMPONENT + document
    if pointer.startswith("/$defs/") and pointer.count("/") == 2:
        return COMPONENT + f"{document}.{pointer.rsplit('/', 1)[1]}"
    raise ValueError(f"{current}: $ref {ref!r} must point at a document or one of its $defs")


def _rewrite(node: Any, current: str) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("$id", "$schema", "$defs"):
                continue
            out[key] = _component_ref(value, current) if key == "$ref" else _rewrite(value, current)
        return out
    if isinstance(node, list):
        return [_rewrite(item, current) for item in node]
    return node


def component_schemas(catalog: Catalog) -> dict[str, Any]:
    """Every schema document and every `$defs` entry, named and rewritten for `#/components/schemas`."""
    components: dict[str, Any] = {}
    for schema_id, document in catalog.store.documents.items():
        name = schema_id[len(URN_PREFIX) :]
        for def_name, definition in document.get("$defs", {}).items():
            components[f"{name}.{def_name}"] = _rewrite(definition, name)
        if set(document) - {"$id", "$schema", "$defs", "title", "description"}:
            components[name] = _rewrite(document, name)
    return components


def _response_schema(op: Operation) -> dict[str, Any]:
    success = {"$ref": COMPONENT + op.response_schema_id[len(URN_PREFIX) :]}
    if op.envelope == "bare":
        return success
    error = {"$ref": _component_ref(ERROR_ENVELOPE, "common")}
    return {
        "if": {"type": "object", "properties": {"code": {"const": SUCCESS}}, "required": ["code"]},
        "then": success,
        "else": error,
    }


def _parameters(op: Operation, request: dict[str, Any]) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = []
    name = op.request_schema_id[len(URN_PREFIX) :]
    for location in ("path", "query"):
        part = request.get("properties", {}).get(location)
        if not part:
            continue
        required = set(part.get("required", ()))
        for param, schema in part.get("properties", {}).items():
            params.append(
                {
                    "name": param,
                    "in": location,
                    "required": location == "path" or param in required,
                    "description": schema.get("description", ""),
                    "schema": _rewrite(schema, name),
                }
            )
    return params


def _examples(entries: list[dict[str, Any]], op: Operation, direction: str) -> dict[str, Any]:
    chosen = {}
    for entry in entries:
        if entry.get("operation") == op.id and entry.get("direction") == direction and entry.get("valid"):
            chosen[entry["id"]] = {"summary": entry.get("label") or entry["id"], "value": entry["parsed"]}
    return chosen


def _operation(op: Operation, examples: list[dict[str, Any]]) -> dict[str, Any]:
    request = op.request_schema
    name = op.request_schema_id[len(URN_PREFIX) :]
    response_content: dict[str, Any] = {"schema": _response_schema(op)}
    response_examples = _examples(examples, op, "response")
    if response_examples:
        response_content["examples"] = response_examples
    spec: dict[str, Any] = {
        "operationId": op.id,
        "summary": op.summary,
        "description": _description(op),
        "tags": [op.area],
        "servers": [{"url": f"https://{op.host}"}],
        "parameters": _parameters(op, request),
        "responses": {
            "200": {
                "description": "Akool answers HTTP 200, success or business error",
                "content": {"application/json": response_content},
            },
            "default": {
                "description": "Error in Akool's envelope",
                "content": {
                    "application/json": {"schema": {"$ref": _component_ref(ERROR_ENVELOPE, "common")}}
                },
            },
        },
    }
    if op.raw.get("deprecated"):
        spec["deprecated"] = True  # Akool's 2026 docs (NOTES.md #deprecated-operations)
    body = request.get("properties", {}).get("body")
    if body is not None:
        content: dict[str, Any] = {"schema": _rewrite(body, name)}
        request_examples = {
            key: {"summary": value["summary"], "value": value["value"]}
            for key, value in _examples(examples, op, "request").items()
        }
        if request_examples:
            content["examples"] = request_examples
        spec["requestBody"] = {
            "required": "body" in request.get("required", ()),
            "content": {"application/json": content},
        }
    spec["security"] = [] if op.auth == "none" else [{"apiKey": []}, {"bearer": []}]
    return spec


def _description(op: Operation) -> str:
    pages = ", ".join(f"https://docs.akool.com/{page.replace('__', '/')}" for page in op.docs)
    text = op.description or op.summary
    return f"{text}\n\nDocs: {pages}" if pages else text


def load_examples(path: Path = EXAMPLES_FILE) -> list[dict[str, Any]]:
    """Doc examples that validate against their operation's schema, marked `valid`."""
    if not path.exists():
        return []
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    catalog = load_catalog()
    out = []
    for entry in entries:
        op_id = entry.get("operation")
        if not op_id or op_id not in catalog or entry.get("parsed") is None:
            continue
        op = catalog.operation(op_id)
        marked = dict(entry)
        if entry.get("direction") == "request":
            marked["valid"] = not op.request_errors({"body": entry["parsed"]})
        elif entry.get("direction") == "response":
            marked["valid"] = not op.response_errors(entry["parsed"])
        out.append(marked)
    return out


def build_openapi(
    catalog: Catalog | None = None, examples: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every operation in the catalog."""
    catalog = catalog or load_catalog()
    examples = load_examples() if examples is None else examples
    paths: dict[str, dict[str, Any]] = {}
    links = links_by_operation(catalog)
    for op in catalog.operations:
        spec = _operation(op, examples)
        if op.id in links:  # for Schemathesis' stateful phase: create → poll, → delete, sessions
            spec["responses"]["200"]["links"] = links[op.id]
        paths.setdefault(op.path, {})[op.method.lower()] = spec
    return {
        "openapi": OPENAPI_VERSION,
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Akool API (akool-mock contract)",
            "version": __version__,
            "description": "Every Akool operation, derived from the docs at https://docs.akool.com "
            "by akool-mock. "
            "Business errors are HTTP 200 with code != 1000.",
        },
        "servers": [{"url": "https://openapi.akool.com"}],
        "tags": [{"name": area, "description": text} for area, text in sorted(catalog.areas.items())],
        "paths": paths,
        "components": {
            "schemas": component_schemas(catalog),
            "securitySchemes": {
                "apiKey": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "x-api-key",
                    "description": "The API key from the Akool API Keys page.",
                },
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from POST /api/open/v3/getToken.",
                },
            },
        },
        "security": [{"apiKey": []}, {"bearer": []}],
        "webhooks": _webhooks(catalog),
    }


def _webhooks(catalog: Catalog) -> dict[str, Any]:
    hook = catalog.webhook
    delivery = _component_ref(hook.delivery_schema, "webhook")
    return {
        "jobStatusChanged": {
            "post": {
                "operationId": hook.id,
                "summary": "Akool POSTs this to your webhookUrl on every status change of a job",
                "description": "dataEncrypt decrypts (AES-CBC, key = clientSecret, IV = clientId) to "
                f"{hook.payload_schema[len(URN_PREFIX) :]}; answer HTTP 200 or Akool retries.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": delivery}}},
                },
                "responses": {"200": {"description": "Acknowledged; anything else is retried"}},
            }
        }
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(copy.deepcopy(document), indent=2, ensure_ascii=False) + "\n"
