"""A schema violation in words a user can act on, described from jsonschema-rs's errors.

Only the first few errors are ever described (`describe` takes a bounded number from the validator's lazy
error iterator), so a body with a million bad items costs no more words than one with six.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema_rs import ValidationError

MASK = "value"  # what jsonschema-rs writes instead of the instance in its messages (schemas/registry.py)


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
    """Render a JSON pointer's parts as `body.sourceImage[0].path`."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def describe(errors: Iterable[ValidationError], limit: int | None, instance: Any) -> list[Violation]:
    """The first `limit` errors (all when None) of `instance`, deepest cause first for combinators, ordered
    by path."""
    taken = list(errors if limit is None else itertools.islice(errors, limit))
    taken.sort(key=lambda error: [str(part) for part in error.instance_path])
    return [_describe(_deepest(error), instance) for error in taken]


def _where(instance: Any, parts: Iterable[str | int]) -> list[str | int]:
    """jsonschema-rs gives an object key that looks like a number (`"0"`) as an int: it is a key again here
    (an index only where the instance holds an array), so the path reads `faces_obj.0.crop_landmarks`."""
    out: list[str | int] = []
    current = instance
    for part in parts:
        if isinstance(current, list) and isinstance(part, int):
            out.append(part)
            current = current[part] if 0 <= part < len(current) else None
        else:
            out.append(str(part))
            current = current.get(str(part)) if isinstance(current, dict) else None
    return out


def _keyword(error: ValidationError) -> str:
    return str(error.schema_path[-1]) if error.schema_path else str(error.kind.name)


def _context(error: ValidationError) -> list[ValidationError]:
    branches: list[list[ValidationError]] = getattr(error.kind, "context", None) or []
    return [sub for branch in branches for sub in branch]


def _deepest(error: ValidationError) -> ValidationError:
    """For `oneOf`/`anyOf`, the deepest error among the branches when it is deeper than the combinator."""
    context = _context(error)
    if not context or _alternatives(error) is not None:
        return error
    deepest = max(context, key=lambda sub: len(sub.instance_path))
    return deepest if len(deepest.instance_path) > len(error.instance_path) else error


def _alternatives(error: ValidationError, instance: Any = None) -> Violation | None:
    """`oneOf`/`anyOf` whose every branch only misses a property: "one of 'a', 'b' is required"."""
    context = _context(error)
    if _keyword(error) not in ("oneOf", "anyOf") or not context:
        return None
    if not all(_keyword(sub) == "required" and sub.instance_path == error.instance_path for sub in context):
        return None
    names = list(dict.fromkeys(str(getattr(sub.kind, "property", "")) for sub in context))
    if isinstance(error.instance, dict) and any(name in error.instance for name in names):
        return None  # one is there: the branches failed for another reason
    listed = ", ".join(repr(name) for name in names)
    where = json_path(_where(instance, error.instance_path))
    return Violation(where, f"one of {listed} is required", listed, "none")


def _describe(error: ValidationError, instance: Any) -> Violation:
    alternatives = _alternatives(error, instance)
    if alternatives is not None:
        return alternatives
    path_parts = _where(instance, error.instance_path)
    keyword = _keyword(error)
    if keyword == "required":
        path_parts.append(str(getattr(error.kind, "property", "")))
        return Violation(json_path(path_parts), "required", "present", "missing")
    value = _keyword_value(error)
    return Violation(json_path(path_parts), _rule_message(keyword, value, error), f"{keyword}: {value!r}",
                     _short(error.instance))  # fmt: skip


def _keyword_value(error: ValidationError) -> Any:
    """The schema's value for the failing keyword, from what jsonschema-rs tells about it."""
    fields = error.kind.as_dict()
    if "types" in fields:
        types = list(fields["types"])
        return types[0] if len(types) == 1 else types
    for name in ("limit", "options", "expected_value", "pattern", "unexpected", "format", "multiple_of"):
        if name in fields:
            return fields[name]
    return None


_MESSAGES = {
    "type": "must be of type {}",
    "enum": "must be one of {}",
    "const": "must be {!r}",
    "minimum": "must be >= {}",
    "maximum": "must be <= {}",
    "exclusiveMinimum": "must be > {}",
    "exclusiveMaximum": "must be < {}",
    "minLength": "must be at least {} characters",
    "maxLength": "must be at most {} characters",
    "minItems": "must have at least {} items",
    "maxItems": "must have at most {} items",
    "pattern": "must match {}",
}


def _rule_message(keyword: str, value: Any, error: ValidationError) -> str:
    template = _MESSAGES.get(keyword)
    if template is None:
        message = str(error.message)
        if message.startswith(MASK + " "):  # the instance, masked by the validator, shown short again
            message = _short(error.instance) + message[len(MASK) :]
        return message
    return template.format(list(value) if keyword == "enum" else value)


def _short(value: Any) -> str:
    text = json.dumps(_preview(value, 2), ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def _preview(value: Any, depth: int) -> Any:
    """A small copy of `value` (a few items, short strings, shallow): describing a huge body stays cheap."""
    if isinstance(value, str):
        return value if len(value) <= 80 else value[:80]
    if isinstance(value, list):
        return [_preview(item, depth - 1) for item in value[:4]] if depth > 0 else "[...]"
    if isinstance(value, dict):
        items = itertools.islice(value.items(), 4)
        return {key[:40]: _preview(item, depth - 1) for key, item in items} if depth > 0 else "{...}"
    return value
