"""Load every JSON Schema of the contract into one local `referencing` registry.

No `$ref` ever reaches the network: every document under this folder is registered by its `$id`
(`urn:akool-mock:schemas:...`), and validators are built once and cached.

Requests and responses are checked by jsonschema-rs (compiled once per schema, in Rust); jsonschema (Python)
stays available through `validator()` for tools that want its error objects, and `registry` (referencing)
for walking `$ref`s.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from akool_mock.schemas.violation import MASK, Violation, describe, json_path

Check = Callable[[Any], bool]

PRUNED_ITEMS = 64  # no schema of the contract asks for more items (minItems) than this
PRUNED_CHARS = 65_536  # nor allows longer strings (maxLength is at most 50,000)
SCHEMA_DIR = Path(__file__).resolve().parent
URN_PREFIX = "urn:akool-mock:schemas:"


class SchemaStore:
    """Every schema document of the contract, addressable by `$id`."""

    def __init__(self, root: Path = SCHEMA_DIR) -> None:
        self.root = root
        self.documents: dict[str, dict[str, Any]] = {}
        for path in sorted(root.rglob("*.json")):
            if path.parent.name in ("catalog", "data"):
                continue
            document = json.loads(path.read_text(encoding="utf-8"))
            schema_id = document.get("$id")
            if not isinstance(schema_id, str):
                raise ValueError(f"{path}: a schema needs an $id")
            if schema_id in self.documents:
                raise ValueError(f"{path}: duplicate $id {schema_id}")
            self.documents[schema_id] = document
        self._validators: dict[str, Draft202012Validator] = {}
        self._rs_validators: dict[str, jsonschema_rs.Validator] = {}

    @cached_property
    def registry(self) -> Registry[Any]:
        resources = [
            (uri, Resource.from_contents(doc, default_specification=DRAFT202012))
            for uri, doc in self.documents.items()
        ]
        return Registry().with_resources(resources).crawl()

    def has(self, schema_id: str) -> bool:
        return schema_id in self.documents

    def validator(self, schema: dict[str, Any] | str) -> Draft202012Validator:
        """A cached validator for a schema `$id`, or an uncached one for an inline schema."""
        if isinstance(schema, dict):
            return Draft202012Validator(schema, registry=self.registry)
        cached = self._validators.get(schema)
        if cached is None:
            # A fragment (`...common#/$defs/ErrorEnvelope`) is validated through a $ref to it.
            document = self.documents[schema] if "#" not in schema else {"$ref": schema}
            cached = Draft202012Validator(document, registry=self.registry)
            self._validators[schema] = cached
        return cached

    @cached_property
    def rs_registry(self) -> jsonschema_rs.Registry:
        return jsonschema_rs.Registry(list(self.documents.items()))

    def rs_validator(self, schema: dict[str, Any] | str) -> jsonschema_rs.Validator:
        """A cached jsonschema-rs validator for a schema `$id`, or an uncached one for an inline schema."""
        # mask: messages say "value" instead of repeating the instance (which may be a 20 MB string).
        if isinstance(schema, dict):
            return jsonschema_rs.Draft202012Validator(schema, registry=self.rs_registry, mask=MASK)
        cached = self._rs_validators.get(schema)
        if cached is None:
            document = {"$ref": schema}
            cached = jsonschema_rs.Draft202012Validator(document, registry=self.rs_registry, mask=MASK)
            self._rs_validators[schema] = cached
        return cached

    def check(self, schema_id: str) -> Check:
        """A yes/no check for a schema `$id` (cached): the hot path of validation."""
        return self.rs_validator(schema_id).is_valid

    def violations(
        self, schema: dict[str, Any] | str, instance: Any, limit: int | None = None
    ) -> list[Violation]:
        """What is wrong with `instance`, ordered by path; at most `limit` (the first found) when given."""
        validator = self.rs_validator(schema)
        if validator.is_valid(instance):
            return []  # the common case: no error objects are built
        if limit is not None:
            # jsonschema-rs builds every error before the first is seen (~40 µs each, copying its instance): a
            # long array of bad items is described from its first items and a long string from its ends,
            # unless the cut copy is fine (then what is wrong lies in what was cut).
            pruned = _pruned(instance, max(limit, PRUNED_ITEMS))
            if not validator.is_valid(pruned):
                instance = pruned
        return describe(validator.iter_errors(instance), limit, instance)

    def is_valid(self, schema: dict[str, Any] | str, instance: Any) -> bool:
        return self.rs_validator(schema).is_valid(instance)


def _pruned(value: Any, items: int) -> Any:
    """A copy of `value` with every array cut to its first `items` items and every very long string to its
    two ends (longer than any maxLength of the contract still), for describing what is wrong cheaply."""
    if isinstance(value, str):
        return (
            value if len(value) <= PRUNED_CHARS else value[: PRUNED_CHARS // 2] + value[-PRUNED_CHARS // 2 :]
        )
    if isinstance(value, list):
        return [_pruned(item, items) for item in value[:items]]
    if isinstance(value, dict):
        return {key: _pruned(item, items) for key, item in value.items()}
    return value


__all__ = ["URN_PREFIX", "Check", "SchemaStore", "Violation", "json_path"]
