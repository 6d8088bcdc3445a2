"""The transport-free request and response the pipeline works on, and how bodies are read safely.

Both edges (the Starlette app and the in-process respx route) turn their request into a `WireRequest`
and write back a `WireResponse`; nothing between them knows about HTTP libraries.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from akool_mock.mock_server.errors import AkoolError, ValidationFailed
from akool_mock.mock_server.json_reader import (
    INT_MAX,
    INT_MIN,
    MAX_NUMBER_CHARS,
    JsonLimits,
    JsonRefused,
)
from akool_mock.mock_server.json_stream import ReadJson, read_body_json

JSON_TYPE = "application/json"
_INTEGER = re.compile(r"^-?\d{1,18}$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


@dataclass(frozen=True, slots=True)
class WireRequest:
    method: str
    path: str
    query: Mapping[str, str | list[str]]
    headers: Mapping[str, str]  # lower-case names
    body: bytes | bytearray = b""  # bytearray: a large body as the edge received it (app.py)
    host: str = ""
    parsed: ReadJson | None = None  # the body already read by the edge (a large body, read in steps)

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass(slots=True)
class WireResponse:
    status: int
    body: bytes
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # the edge waits this long before answering (fault injection)
    drop: bool = False  # the edge drops the connection instead of answering (fault injection)


class BodyTooLarge(AkoolError):
    http_status = 413
    default_code = 1003


# json.dumps with arguments builds a new JSONEncoder on every call; one, made once, gives the same bytes.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(value: Any) -> bytes:
    return _ENCODER.encode(value).encode("utf-8")


def json_response(body: Any, status: int = 200) -> WireResponse:
    return WireResponse(status, dumps(body))


def parse_query(pairs: list[tuple[str, str]]) -> dict[str, str | list[str]]:
    """Query pairs as a dict: a repeated name becomes a list (and then fails a string schema clearly)."""
    out: dict[str, str | list[str]] = {}
    for name, value in pairs:
        if name in out:
            previous = out[name]
            out[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            out[name] = value
    return out


QueryTypes = Mapping[str, tuple[Any, Any]]


def coerce_query(query: Mapping[str, str | list[str]], types: QueryTypes) -> dict[str, Any]:
    """Query strings converted to each parameter's (type, item type), where they convert cleanly."""
    out: dict[str, Any] = {}
    for name, value in query.items():
        wanted, item_type = types.get(name, (None, None))
        if wanted == "array":
            values = value if isinstance(value, list) else [value]
            out[name] = [_coerce(item, item_type) for item in values]
        elif isinstance(value, str):
            out[name] = _coerce(value, wanted)
        else:
            out[name] = value
    return out


def _coerce(value: str, wanted: Any) -> Any:
    if wanted == "integer" and _INTEGER.match(value):
        return int(value)
    if wanted == "number" and len(value) <= MAX_NUMBER_CHARS and _NUMBER.match(value):
        number = float(value) if any(c in value for c in ".eE") else int(value)
        in_range = math.isfinite(number) if isinstance(number, float) else INT_MIN <= number <= INT_MAX
        return number if in_range else value
    if wanted == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def parse_json_body(request: WireRequest, max_bytes: int, max_depth: int) -> Any:
    """The JSON body, or a 1003 that says exactly what is wrong with it. An empty body reads as {}."""
    body = request.body
    if len(body) > max_bytes:
        raise BodyTooLarge(f"body: over the limit of {max_bytes} bytes")
    if not body:
        return {}
    # Akool's own samples sometimes send JSON as text/plain or with no Content-Type (schemas/NOTES.md
    # #server-content-type): a body that parses is accepted whatever the header says.
    content_type = (request.header("content-type") or "").split(";", 1)[0].strip().lower()
    declared_json = content_type == JSON_TYPE or content_type.endswith("+json")
    try:
        return read_body_json(body, JsonLimits(max_depth=max_depth), request.parsed)
    except JsonRefused as exc:
        raise ValidationFailed(f"body: {exc}") from None
    except json.JSONDecodeError as exc:
        hint = (
            "" if declared_json else f" (Content-Type was {content_type or 'missing'}; send application/json)"
        )
        raise ValidationFailed(
            f"body: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}{hint}"
        ) from None
