"""Load every JSON Schema of the contract into one local `referencing` registry.

No `$ref` ever reaches the network: every document under this folder is registered by its `$id`
(`urn:akool-mock:schemas:...`), and validators are built once and cached.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema._utils import equal
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing._core import Resolver
from referencing.jsonschema import DRAFT202012

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
            compiled: Check | None = _Compiler(self.registry).document(document)
        except _Unsupported:
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


# ----- compiled checks -----------------------------------------------------------------------------------
# jsonschema walks a schema on every call (evolving a validator and resolving `$ref`s each time): ~100 µs for
# a small request. The compiler below turns a schema into nested closures once, with the exact semantics of
# jsonschema's Draft 2020-12 keywords (same type rules, same `equal`, same `re.search`), answering only
# valid / not valid; when an instance is not valid, jsonschema itself is asked for the violations, so every
# message stays exactly as it was. A keyword jsonschema implements that the compiler does not know makes the
# whole schema fall back to jsonschema; keywords jsonschema ignores (annotations) are ignored here too.

Check = Callable[[Any], bool]
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "$anchor", "$comment", "$vocabulary", "definitions", "title", "description",
     "default", "examples", "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding",
     "contentSchema", "then", "else"}
)  # fmt: skip
_KNOWN_KEYWORDS = frozenset(Draft202012Validator.VALIDATORS)


class _Unsupported(Exception):
    """A keyword the compiler does not implement: the schema is left to jsonschema."""


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Number)


_TYPES: dict[str, Check] = {
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": _is_integer,
    "null": lambda v: v is None,
    "number": _is_number,
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
}


def _always(_value: Any) -> bool:
    return True


def _never(_value: Any) -> bool:
    return False


def _all_of(checks: list[Check]) -> Check:
    """One check that passes when every one of `checks` does (unrolled for the common small counts)."""
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    if len(checks) == 3:
        first, second, third = checks
        return lambda value: first(value) and second(value) and third(value)
    every = tuple(checks)

    def check(value: Any) -> bool:
        for each in every:  # noqa: SIM110 (a plain loop: all() over a generator costs more per call)
            if not each(value):
                return False
        return True

    return check


class _Compiler:
    """Compiles one schema document (and everything it references) into a `Check`."""

    def __init__(self, registry: Registry[Any]) -> None:
        self.registry = registry
        self.cache: dict[tuple[int, str], list[Check]] = {}
        self.compiling: set[tuple[int, str]] = set()

    def document(self, document: dict[str, Any]) -> Check:
        resource = DRAFT202012.create_resource(document)
        return self.node(document, self.registry.resolver_with_root(resource))

    def node(self, schema: Any, resolver: Resolver[Any]) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise _Unsupported(f"schema {schema!r}")
        if "$id" in schema:
            resolver = resolver.in_subresource(DRAFT202012.create_resource(schema))
        key = (id(schema), str(getattr(resolver, "_base_uri", "")))
        found = self.cache.get(key)
        if found is not None:
            if key in self.compiling:  # a recursive $ref: call through the cell, filled in below
                return lambda value: found[0](value)  # noqa: PLW0108 (late: found[0] is set below)
            return found[0]
        cell: list[Check] = [_never]
        self.cache[key] = cell
        self.compiling.add(key)
        checks = [self.keyword(name, value, schema, resolver) for name, value in schema.items()]
        active = [check for check in checks if check is not None]
        compiled = _all_of(active)

        cell[0] = compiled
        self.compiling.discard(key)
        return compiled

    def keyword(self, name: str, value: Any, schema: dict[str, Any], resolver: Resolver[Any]) -> Check | None:
        method = getattr(self, "k_" + name.replace("$", "dollar_"), None)
        if method is not None:
            result: Check | None = method(value, schema, resolver)
            return result
        if name in _ANNOTATIONS or name not in _KNOWN_KEYWORDS:
            return None
        raise _Unsupported(name)

    # --- references and combinators ---
    def k_dollar_ref(self, ref: str, _schema: Any, resolver: Resolver[Any]) -> Check:
        found = resolver.lookup(ref)
        return self.node(found.contents, found.resolver)

    def k_allOf(self, schemas: list[Any], _schema: Any, resolver: Resolver[Any]) -> Check:
        return _all_of([self.node(each, resolver) for each in schemas])

    def k_anyOf(self, schemas: list[Any], _schema: Any, resolver: Resolver[Any]) -> Check:
        checks = tuple(self.node(each, resolver) for each in schemas)

        def check(value: Any) -> bool:
            for each in checks:  # noqa: SIM110 (a plain loop: any() over a generator costs more per call)
                if each(value):
                    return True
            return False

        return check

    def k_oneOf(self, schemas: list[Any], _schema: Any, resolver: Resolver[Any]) -> Check:
        checks = tuple(self.node(each, resolver) for each in schemas)
        return lambda value: sum(1 for check in checks if check(value)) == 1

    def k_not(self, schema: Any, _parent: Any, resolver: Resolver[Any]) -> Check:
        check = self.node(schema, resolver)
        return lambda value: not check(value)

    def k_if(self, schema: Any, parent: dict[str, Any], resolver: Resolver[Any]) -> Check | None:
        condition = self.node(schema, resolver)
        then = self.node(parent["then"], resolver) if "then" in parent else _always
        otherwise = self.node(parent["else"], resolver) if "else" in parent else _always
        return lambda value: then(value) if condition(value) else otherwise(value)

    # --- any type ---
    def k_type(self, types: str | list[str], _schema: Any, _resolver: Any) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        if any(name not in _TYPES for name in names):
            raise _Unsupported(f"type {types!r}")
        checks = tuple(_TYPES[name] for name in names)
        if len(checks) == 1:
            return checks[0]
        return lambda value: any(check(value) for check in checks)

    def k_enum(self, options: list[Any], _schema: Any, _resolver: Any) -> Check:
        strings = frozenset(option for option in options if isinstance(option, str))
        options = list(options)

        def check(value: Any) -> bool:
            if isinstance(value, str):  # `equal` compares a string with == only
                return value in strings
            return any(equal(option, value) for option in options)

        return check

    def k_const(self, constant: Any, _schema: Any, _resolver: Any) -> Check:
        return lambda value: bool(equal(value, constant))

    # --- numbers ---
    def k_minimum(self, limit: Any, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not _is_number(value) or not value < limit

    def k_maximum(self, limit: Any, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not _is_number(value) or not value > limit

    def k_exclusiveMinimum(self, limit: Any, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not _is_number(value) or not value <= limit

    def k_exclusiveMaximum(self, limit: Any, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not _is_number(value) or not value >= limit

    # --- strings ---
    def k_pattern(self, pattern: str, _schema: Any, _resolver: Any) -> Check:
        search = re.compile(pattern).search
        return lambda value: not isinstance(value, str) or search(value) is not None

    def k_minLength(self, limit: int, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not isinstance(value, str) or len(value) >= limit

    def k_maxLength(self, limit: int, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not isinstance(value, str) or len(value) <= limit

    def k_format(self, _format: str, _schema: Any, _resolver: Any) -> None:
        return None  # the store's validators have no format checker: format is an annotation

    # --- arrays ---
    def k_items(self, schema: Any, parent: dict[str, Any], resolver: Resolver[Any]) -> Check:
        if "prefixItems" in parent:
            raise _Unsupported("prefixItems")
        each = self.node(schema, resolver)

        def check(value: Any) -> bool:
            if isinstance(value, list):
                for item in value:
                    if not each(item):
                        return False
            return True

        return check

    def k_minItems(self, limit: int, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not isinstance(value, list) or len(value) >= limit

    def k_maxItems(self, limit: int, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not isinstance(value, list) or len(value) <= limit

    # --- objects ---
    def k_required(self, names: list[str], _schema: Any, _resolver: Any) -> Check:
        if len(names) == 1:
            [only] = names
            return lambda value: not isinstance(value, dict) or only in value
        needed = frozenset(names)
        return lambda value: not isinstance(value, dict) or needed <= value.keys()

    def k_properties(self, properties: dict[str, Any], _schema: Any, resolver: Resolver[Any]) -> Check:
        checks = tuple((name, self.node(each, resolver)) for name, each in properties.items())

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name, each in checks:  # noqa: SIM110 (a plain loop: all() over a generator costs more)
                if name in value and not each(value[name]):
                    return False
            return True

        return check

    def k_additionalProperties(self, schema: Any, parent: dict[str, Any], resolver: Resolver[Any]) -> Check:
        if "patternProperties" in parent:
            raise _Unsupported("patternProperties")
        known = frozenset(parent.get("properties", {}))
        if isinstance(schema, dict):
            each = self.node(schema, resolver)
            return lambda value: (
                not isinstance(value, dict)
                or all(each(item) for name, item in value.items() if name not in known)
            )
        if schema:  # true, or a truthy non-object: jsonschema checks nothing
            return _always
        return lambda value: not isinstance(value, dict) or known.issuperset(value)

    def k_propertyNames(self, schema: Any, _parent: Any, resolver: Resolver[Any]) -> Check:
        check = self.node(schema, resolver)
        return lambda value: not isinstance(value, dict) or all(check(name) for name in value)

    def k_minProperties(self, limit: int, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not isinstance(value, dict) or len(value) >= limit

    def k_maxProperties(self, limit: int, _schema: Any, _resolver: Any) -> Check:
        return lambda value: not isinstance(value, dict) or len(value) <= limit

    def k_dependentRequired(self, rules: dict[str, list[str]], _schema: Any, _resolver: Any) -> Check:
        pairs = tuple((name, tuple(needed)) for name, needed in rules.items())
        return lambda value: (
            not isinstance(value, dict)
            or all(all(each in value for each in needed) for name, needed in pairs if name in value)
        )
