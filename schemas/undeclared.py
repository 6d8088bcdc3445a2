"""Fields an instance carries that its schema never declares.

Akool's answers may hold more than the contract says (the schemas allow unknown fields on purpose, because the
real API adds some), so an unknown field is not a violation. It is still worth telling: a field the real API
started to send, or a field name the app misspelt in its request (`webhookURL`). This walks the instance
beside its schema, following `$ref`, `allOf`/`anyOf`/`oneOf` and `then`/`else`, and names each field that no
branch declares. An object whose schema declares no properties, or allows `additionalProperties` /
`patternProperties`, is an open map: nothing in it is unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from akool_mock.schemas.registry import SchemaStore, json_path

if TYPE_CHECKING:  # the resolver's class is only exported from a private module
    from referencing._core import Resolver

Node = tuple[Any, "Resolver[Any]"]
MAX_EXPANSION = 200  # branches expanded per instance node: a guard against $ref cycles
MAX_DEPTH = 64


def undeclared_fields(store: SchemaStore, schema_id: str, instance: Any) -> list[str]:
    """JSON paths (`data.result[0].extra`) of the fields of `instance` that the schema never declares."""
    document = store.documents[schema_id] if "#" not in schema_id else {"$ref": schema_id}
    resolver = store.registry.resolver(base_uri=schema_id.split("#", 1)[0])
    found: list[str] = []
    _walk(instance, [(document, resolver)], [], found)
    return found


def _expanded(nodes: list[Node]) -> list[Node]:
    """Every schema object reachable from `nodes` without descending into the instance, with its resolver."""
    out: list[Node] = []
    stack = list(nodes)
    while stack and len(out) < MAX_EXPANSION:
        node, resolver = stack.pop()
        if not isinstance(node, dict):
            continue
        out.append((node, resolver))
        if "$ref" in node:
            target = resolver.lookup(node["$ref"])
            stack.append((target.contents, target.resolver))
        for keyword in ("allOf", "anyOf", "oneOf"):
            stack.extend((branch, resolver) for branch in node.get(keyword, ()))
        for keyword in ("then", "else"):
            if keyword in node:
                stack.append((node[keyword], resolver))
    return out


def _walk(instance: Any, nodes: list[Node], path: list[str | int], found: list[str]) -> None:
    if len(path) > MAX_DEPTH:
        return
    schemas = _expanded(nodes)
    if isinstance(instance, dict):
        _walk_object(instance, schemas, path, found)
    elif isinstance(instance, list):
        children = [
            (node["items"], resolver) for node, resolver in schemas if isinstance(node.get("items"), dict)
        ]
        if children:
            for index, item in enumerate(instance):
                _walk(item, children, [*path, index], found)


def _walk_object(
    instance: dict[str, Any], schemas: list[Node], path: list[str | int], found: list[str]
) -> None:
    declares = any(isinstance(node.get("properties"), dict) for node, _ in schemas)
    is_open = any(
        node.get("additionalProperties", False) is not False or "patternProperties" in node
        for node, _ in schemas
    )
    for name, value in instance.items():
        children = [
            (node["properties"][name], resolver)
            for node, resolver in schemas
            if isinstance(node.get("properties"), dict) and name in node["properties"]
        ]
        if children:
            _walk(value, children, [*path, name], found)
        elif declares and not is_open:
            found.append(json_path([*path, name]))
