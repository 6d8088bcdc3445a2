"""One HTTP exchange with Akool checked against the contract: where the request or the answer drifts.

The proxy, the recorder, the httpx/requests hooks and `akool_mock.validate_exchange` all come here. An
exchange is matched to its operation by the catalog's routing (method and path; the host only decides between
the two Akool hosts), then the request (`{body, query, path}`, the query converted by the schema's types as
the fake does) and the answer are validated against the operation's schemas. Each finding is a `Drift`:

    kind "violation"        the exchange breaks the contract (a missing field, a wrong type, not JSON, ...)
    kind "unknown field"    a field the contract never declares (allowed: the real API adds fields); told
    kind "not in contract"  no operation of the contract has this method and path
    kind "not validated"    the answer was streamed through, too large to hold and check
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from akool_mock.mock_server.pipeline import query_types
from akool_mock.mock_server.wire import coerce_query, parse_query
from akool_mock.schemas import Catalog, Operation, Violation, load_catalog
from akool_mock.schemas.catalog import route_regex
from akool_mock.schemas.undeclared import UndeclaredFinder

Direction = Literal["request", "response", "webhook"]
Kind = Literal["violation", "unknown field", "not in contract", "not validated"]
AKOOL_HOST = "openapi.akool.com"
DETECT_HOST = "sg3.akool.com"
VIOLATION: Kind = "violation"
UNKNOWN_FIELD: Kind = "unknown field"
NOT_IN_CONTRACT: Kind = "not in contract"
NOT_VALIDATED: Kind = "not validated"


@dataclass(frozen=True, slots=True)
class Drift:
    """One place where an exchange leaves the contract."""

    operation: str
    direction: Direction
    path: str
    expected: str
    found: str
    message: str
    kind: Kind = VIOLATION

    def __str__(self) -> str:
        where = self.path or "(root)"
        found = f"(expected {self.expected}; found {self.found})"
        return f"{self.operation} {self.direction} {where}: {self.message} {found}"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ExchangeResult:
    """What one exchange came to: its operation (None: not in the contract) and every drift found."""

    method: str
    path: str
    operation: str | None
    status: int | None
    drift: tuple[Drift, ...]
    code: int | None = None

    @property
    def violations(self) -> tuple[Drift, ...]:
        return tuple(d for d in self.drift if d.kind == VIOLATION)

    @property
    def response_violations(self) -> tuple[Drift, ...]:
        return tuple(d for d in self.violations if d.direction == "response")

    @property
    def conforms(self) -> bool:
        """No violation (unknown fields and paths outside the contract are told, not failed)."""
        return not self.violations

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "status": self.status,
            "code": self.code,
            "conforms": self.conforms,
            "drift": [d.as_dict() for d in self.drift],
        }


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _from_violation(op: str, direction: Direction, violation: Violation) -> Drift:
    return Drift(op, direction, violation.path, violation.expected, violation.found, violation.message)


_NOT_JSON = object()


def _json_or_marker(body: Any) -> Any:
    """Bytes and text are parsed; anything else is taken as already parsed. Not JSON gives `_NOT_JSON`."""
    if isinstance(body, bytes | bytearray | memoryview):
        try:
            body = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            return _NOT_JSON
    if isinstance(body, str):
        try:
            return json.loads(body)
        except ValueError:
            return _NOT_JSON
    return body


class ExchangeValidator:
    """Checks exchanges against one catalog; per operation work (query types) is done once."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog or load_catalog()
        self._query_types = {op.id: query_types(op) for op in self.catalog.operations}
        self._undeclared = UndeclaredFinder(self.catalog.store)

    def route(self, method: str, path: str, host: str = "") -> tuple[Operation, dict[str, str]] | None:
        """The operation at `method path` (the host, when it is an Akool one, is tried first)."""
        hosts = (
            (host, AKOOL_HOST, DETECT_HOST)
            if host in (AKOOL_HOST, DETECT_HOST)
            else (AKOOL_HOST, DETECT_HOST)
        )
        for candidate in dict.fromkeys(hosts):
            op = self.catalog.by_route(method, candidate, path)
            if op is not None:
                match = route_regex(op.path).fullmatch(path) if op.path_params else None
                return op, match.groupdict() if match else {}
        return None

    def request_drift(
        self,
        op: Operation,
        path_params: Mapping[str, str],
        query: Mapping[str, str | list[str]],
        body: Any,
    ) -> list[Drift]:
        declared = op.request_schema.get("properties", {})
        parts: dict[str, Any] = {}
        if "body" in declared:
            parsed = _json_or_marker(body) if body not in (None, b"", "") else {}
            if parsed is _NOT_JSON:
                message = "the request body is not JSON"
                return [Drift(op.id, "request", "body", "a JSON body", _short(str(body)), message)]
            parts["body"] = parsed
        if "query" in declared:
            parts["query"] = coerce_query(query, self._query_types[op.id])
        if path_params:
            parts["path"] = dict(path_params)
        found = [_from_violation(op.id, "request", v) for v in op.request_errors(parts)]
        found += self._unknown(op, "request", op.request_schema_id, parts)
        return found

    def response_drift(self, op: Operation, status: int | None, body: Any) -> list[Drift]:
        if status is None:
            return [Drift(op.id, "response", "", "an answer", "none", "no answer (dropped or timed out)")]
        found: list[Drift] = []
        if status != 200:
            message = "Akool answers every operation with HTTP 200 (business errors are in `code`)"
            found.append(Drift(op.id, "response", "(HTTP status)", "200", str(status), message))
        parsed = _json_or_marker(body)
        if parsed is _NOT_JSON:
            message = "the answer is not JSON"
            found.append(Drift(op.id, "response", "(body)", "a JSON body", _short(_text(body)), message))
            return found
        found += [_from_violation(op.id, "response", v) for v in op.response_errors(parsed)]
        schema_id = op.response_schema_for(parsed)
        if not found:
            found += self._unknown(op, "response", schema_id, parsed)
        return found

    def _unknown(self, op: Operation, direction: Direction, schema_id: str, instance: Any) -> list[Drift]:
        return [
            Drift(
                op.id,
                direction,
                path,
                "a field of the contract",
                "an unknown field",
                "unknown field",
                UNKNOWN_FIELD,
            )
            for path in self._undeclared.find(schema_id, instance)
        ]

    def check(
        self,
        method: str,
        url: str,
        *,
        status: int | None,
        response_body: Any,
        request_body: Any = None,
        query: Mapping[str, str | list[str]] | None = None,
    ) -> ExchangeResult:
        """Check one exchange. `url` is a whole URL or a path, with or without its query string."""
        parts = urlsplit(url)
        method = method.upper()
        merged = parse_query(parse_qsl(parts.query, keep_blank_values=True))
        merged.update(query or {})
        routed = self.route(method, parts.path, parts.hostname or "")
        if routed is None:
            note = Drift(
                "(none)",
                "request",
                parts.path,
                "an operation of the contract",
                f"{method} {parts.path}",
                "not in the contract",
                NOT_IN_CONTRACT,
            )
            return ExchangeResult(method, parts.path, None, status, (note,))
        op, path_params = routed
        parsed = _json_or_marker(response_body)  # once: the checks and the code read the same value
        answer = response_body if parsed is _NOT_JSON else parsed
        drift = self.request_drift(op, path_params, merged, request_body)
        drift += self.response_drift(op, status, answer)
        return ExchangeResult(method, parts.path, op.id, status, tuple(drift), _code(answer))


def _text(body: Any) -> str:
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body).decode("utf-8", "replace")
    return str(body)


def _code(body: Any) -> int | None:
    parsed = _json_or_marker(body)
    if isinstance(parsed, dict):
        value = parsed.get("code", parsed.get("error_code"))
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


@cache
def default_validator() -> ExchangeValidator:
    """The validator of the shipped contract, built once."""
    return ExchangeValidator()


def validate_exchange(
    method: str,
    url: str,
    *,
    status: int | None,
    response_body: Any,
    request_body: Any = None,
    query: Mapping[str, str | list[str]] | None = None,
) -> ExchangeResult:
    """Check one exchange of your client with Akool against the contract.

    `response_body` and `request_body` are bytes, text or already-parsed JSON; `status` is the HTTP status
    (None when no answer came). The result's `drift` lists every finding, `conforms` says whether any
    breaks the contract.
    """
    return default_validator().check(
        method, url, status=status, response_body=response_body, request_body=request_body, query=query
    )
