"""Schemas compiled once into yes/no checks with jsonschema's exact semantics (the hot path of validation).

jsonschema still describes what is wrong when a check says no; `registry.SchemaStore` uses both.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema._utils import equal
from referencing import Registry
from referencing._core import Resolver
from referencing.jsonschema import DRAFT202012

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


class Unsupported(Exception):
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
            raise Unsupported(f"schema {schema!r}")
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
        raise Unsupported(name)

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
            raise Unsupported(f"type {types!r}")
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
            raise Unsupported("prefixItems")
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
            raise Unsupported("patternProperties")
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


def compile_document(registry: Registry[Any], document: dict[str, Any]) -> Check:
    """One schema document as a yes/no check; raises Unsupported for a keyword the compiler does not know."""
    return _Compiler(registry).document(document)
