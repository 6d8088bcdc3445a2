"""Fields an instance carries that its schema never declares.

Akool's answers may hold more than the contract says (the schemas allow unknown fields on purpose, because the
real API adds some), so an unknown field is not a violation. It is still worth telling: a field the real API
started to send, or a field name the app misspelt in its request (`webhookURL`). This walks the instance
beside its schema, following `$ref`, `allOf`/`anyOf`/`oneOf` and `then`/`else`, and names each field that no
branch declares. An object whose schema declares no properties, or allows `additionalProperties` /
`patternProperties`, is an open map: nothing in it is unknown.
"""

from __future__ import annotations

from typing import Any

from akool_mock.schemas.registry import SchemaStore, json_path

# (schema node, its referencing resolver): the resolver's class is exported only from a private module of
# referencing, which the package never imports (tests/test_private_imports.py), so it is typed as Any.
Node = tuple[Any, Any]
MAX_EXPANSION = 200  # branches expanded per instance node: a guard against $ref cycles
MAX_DEPTH = 64


class Shape:
    """What a schema (all its branches together) declares at one instance node; children built on demand."""

    __slots__ = ("_children", "_items", "_nodes", "declares", "open")

    def __init__(self, nodes: list[Node]) -> None:
        self._nodes = _expanded(nodes)
        self.declares = any(isinstance(node.get("properties"), dict) for node, _ in self._nodes)
        self.open = any(
            node.get("additionalProperties", False) is not False or "patternProperties" in node
            for node, _ in self._nodes
        )
        self._children: dict[str, Shape | None] = {}
        self._items: Shape | bool | None = False  # False: not built yet

    def child(self, name: str) -> Shape | None:
        """The shape of property `name`, or None when no branch declares it."""
        if name not in self._children:
            nodes = [
                (node["properties"][name], resolver)
                for node, resolver in self._nodes
                if isinstance(node.get("properties"), dict) and name in node["properties"]
            ]
            self._children[name] = Shape(nodes) if nodes else None
        return self._children[name]

    def items(self) -> Shape | None:
        if self._items is False:
            nodes = [(n["items"], r) for n, r in self._nodes if isinstance(n.get("items"), dict)]
            self._items = Shape(nodes) if nodes else None
        return self._items if isinstance(self._items, Shape) else None


class UndeclaredFinder:
    """Finds undeclared fields against the schemas of one store; each schema's shape is built once."""

    def __init__(self, store: SchemaStore) -> None:
        self.store = store
        self._shapes: dict[str, Shape] = {}

    def shape(self, schema_id: str) -> Shape:
        shape = self._shapes.get(schema_id)
        if shape is None:
            store = self.store
            document = store.documents[schema_id] if "#" not in schema_id else {"$ref": schema_id}
            resolver = store.registry.resolver(base_uri=schema_id.split("#", 1)[0])
            shape = self._shapes[schema_id] = Shape([(document, resolver)])
        return shape

    def find(self, schema_id: str, instance: Any) -> list[str]:
        """JSON paths (`data.result[0].extra`) of the fields of `instance` that the schema never declares."""
        found: list[str] = []
        _walk(instance, self.shape(schema_id), [], found)
        return found


def undeclared_fields(store: SchemaStore, schema_id: str, instance: Any) -> list[str]:
    """`UndeclaredFinder(store).find(...)` once (keep a finder to check many instances)."""
    return UndeclaredFinder(store).find(schema_id, instance)


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


def _walk(instance: Any, shape: Shape, path: list[str | int], found: list[str]) -> None:
    if len(path) > MAX_DEPTH:
        return
    if isinstance(instance, dict):
        for name, value in instance.items():
            child = shape.child(name)
            if child is not None:
                _walk(value, child, [*path, name], found)
            elif shape.declares and not shape.open:
                found.append(json_path([*path, name]))
    elif isinstance(instance, list):
        items = shape.items()
        if items is not None:
            for index, item in enumerate(instance):
                _walk(item, items, [*path, index], found)
