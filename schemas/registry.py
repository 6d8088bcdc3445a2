"""Load every JSON Schema of the contract into one local `referencing` registry.

No `$ref` ever reaches the network: every document under this folder is registered by its `$id`
(`urn:akool-mock:schemas:...`), and validators are built once and cached.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from akool_mock.schemas.compiled import Check, Unsupported, compile_document

SCHEMA_DIR = Path(__file__).resolve().parent
URN_PREFIX = "urn:akool-mock:schemas:"


@dataclass(frozen=True, slots=True)
class Violation:
    """One way an instance breaks a schema, in words a user can act on."""

    path: str
    message: str
    expected: str
    found: str

    def __str__(self) -> str:
        where = self.path or "(root)"
        return f"{where}: {self.message}"


def json_path(parts: Iterator[str | int] | list[str | int]) -> str:
    """Render a jsonschema path deque as `body.sourceImage[0].path`."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _alternatives(error: ValidationError) -> Violation | None:
    """`oneOf`/`anyOf` whose every branch only misses a property: "one of 'a', 'b' is required"."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return None
    if not all(sub.validator == "required" and not sub.relative_path for sub in error.context):
        return None
    names = list(dict.fromkeys(_missing_property(sub) for sub in error.context))
    if isinstance(error.instance, dict) and any(name in error.instance for name in names):
        return None  # one is there: the branches failed for another reason
    listed = ", ".join(repr(name) for name in names)
    return Violation(json_path(list(error.absolute_path)), f"one of {listed} is required", listed, "none")


def _describe(error: ValidationError) -> Violation:
    alternatives = _alternatives(error)
    if alternatives is not None:
        return alternatives
    path_parts: list[str | int] = list(error.absolute_path)
    validator = str(error.validator)
    expected = f"{validator}: {error.validator_value!r}"
    found = _short(error.instance)
    if validator == "required":
        missing = _missing_property(error)
        path_parts.append(missing)
        return Violation(json_path(path_parts), "required", "present", "missing")
    return Violation(json_path(path_parts), _rule_message(error), expected, found)


def _missing_property(error: ValidationError) -> str:
    # jsonschema's message is "'x' is a required property"; the name is the quoted prefix.
    message = error.message
    if message.startswith("'") and "' is a required property" in message:
        return message[1 : message.index("' is a required property")]
    return message


def _rule_message(error: ValidationError) -> str:
    validator = str(error.validator)
    value: Any = error.validator_value
    simple = {
        "type": lambda: f"must be of type {value}",
        "enum": lambda: f"must be one of {list(value)}",
        "const": lambda: f"must be {value!r}",
        "minimum": lambda: f"must be >= {value}",
        "maximum": lambda: f"must be <= {value}",
        "exclusiveMinimum": lambda: f"must be > {value}",
        "exclusiveMaximum": lambda: f"must be < {value}",
        "minLength": lambda: f"must be at least {value} characters",
        "maxLength": lambda: f"must be at most {value} characters",
        "minItems": lambda: f"must have at least {value} items",
        "maxItems": lambda: f"must have at most {value} items",
        "pattern": lambda: f"must match {value}",
        "additionalProperties": lambda: error.message,
    }
    if validator in simple:
        return simple[validator]()
    return error.message


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def _best_errors(errors: Iterator[ValidationError]) -> list[ValidationError]:
    """Flatten combinator errors so the message names the deepest field at fault."""
    flat: list[ValidationError] = []
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            deepest = max(error.context, key=lambda e: len(e.absolute_path))
            if len(deepest.absolute_path) > len(error.absolute_path):
                flat.append(deepest)
                continue
        flat.append(error)
    return flat


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
        self._checks: dict[str, Check | None] = {}

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

    def check(self, schema_id: str) -> Check | None:
        """A compiled yes/no check for a schema `$id` (cached), or None where the schema uses a keyword the
        compiler does not know (then jsonschema answers alone)."""
        try:
            return self._checks[schema_id]
        except KeyError:
            pass
        document = self.documents[schema_id] if "#" not in schema_id else {"$ref": schema_id}
        try:
            compiled: Check | None = compile_document(self.registry, document)
        except Unsupported:
            compiled = None
        self._checks[schema_id] = compiled
        return compiled

    def violations(self, schema: dict[str, Any] | str, instance: Any) -> list[Violation]:
        if isinstance(schema, str):
            check = self.check(schema)
            if check is not None and check(instance):
                return []  # the common case, answered by the compiled check; errors are described below
        validator = self.validator(schema)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
        return [_describe(error) for error in _best_errors(iter(errors))]

    def is_valid(self, schema: dict[str, Any] | str, instance: Any) -> bool:
        if isinstance(schema, str):
            check = self.check(schema)
            if check is not None:
                return check(instance)
        return bool(self.validator(schema).is_valid(instance))
