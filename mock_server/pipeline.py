"""The one generic endpoint: route → auth → read and validate → handler → Akool envelope → journal.

Every operation of the catalog goes through `Pipeline.handle`, whichever transport brought the request
(uvicorn or the in-process respx route). Control (`/_mock/...`) requests are passed to the control API.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from akool_mock.mock_server.errors import (
    AkoolError,
    InternalError,
    RateLimited,
    UnknownRoute,
    ValidationFailed,
)
from akool_mock.mock_server.faults import Fault
from akool_mock.mock_server.handlers import all_error_shapes, all_handlers
from akool_mock.mock_server.handlers.base import Call, Handler
from akool_mock.mock_server.state import Account, Backend, JournalEntry
from akool_mock.mock_server.wire import (
    WireRequest,
    WireResponse,
    coerce_query,
    dumps,
    json_response,
    parse_json_body,
)
from akool_mock.schemas import Operation
from akool_mock.schemas.catalog import route_regex
from akool_mock.schemas.registry import Check

log = logging.getLogger("akool_mock")
CONTROL_PREFIX = "/_mock/"
MAX_LISTED_VIOLATIONS = 5

ControlHandler = Callable[[WireRequest], WireResponse]


class Pipeline:
    """Serves every catalog operation from one Backend."""

    def __init__(self, backend: Backend, control: ControlHandler | None = None) -> None:
        self.backend = backend
        self.control = control
        self.handlers: Mapping[str, Handler] = all_handlers()
        self.error_shapes = all_error_shapes()
        self._query_types = {op.id: query_types(op) for op in backend.catalog.operations}
        # Per operation, once: which request parts its schema declares, and its compiled request check.
        self._parts: dict[str, tuple[bool, bool]] = {}
        self._checks: dict[str, Check] = {}
        for op in backend.catalog.operations:
            declared = op.request_schema.get("properties", {})
            self._parts[op.id] = ("body" in declared, "query" in declared)
            self._checks[op.id] = op.store.check(op.request_schema_id)
        self._exact: dict[tuple[str, str], Operation] = {}
        self._templated: list[Operation] = []
        self._paths: set[str] = set()
        for op in backend.catalog.operations:
            self._paths.add(op.path)
            if op.path_params:
                self._templated.append(op)
            else:
                self._exact[(op.method, op.path)] = op

    def missing_handlers(self) -> list[str]:
        """Catalog operations nothing serves (a test keeps this empty)."""
        return [op.id for op in self.backend.catalog.operations if op.id not in self.handlers]

    def route(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        op = self._exact.get((method, path))
        if op is not None:
            return op, {}
        for candidate in self._templated:
            if candidate.method == method:
                match = route_regex(candidate.path).fullmatch(path)
                if match:
                    return candidate, match.groupdict()
        return None

    def handle(self, request: WireRequest) -> WireResponse:
        if request.path.startswith(CONTROL_PREFIX) and self.control is not None:
            answer = self.control(request)
            self.backend.persist()
            return answer
        started = time.perf_counter()
        op: Operation | None = None
        account_id: str | None = None
        message: str | None = None
        try:
            self.backend.tick()
            found = self.route(request.method.upper(), request.path)
            if found is None:
                raise UnknownRoute(f"Not Found: {request.method} {request.path}")
            op, path_params = found
            account = self._authenticate(op, request)
            account_id = account.client_id if account else None
            fault = self._fault(op, account_id)
            if fault is not None and (fault.drop or fault.http_status):
                response = self._faulty(fault)
            else:
                call = self._call(op, request, path_params, account)
                response = json_response(self.handlers[op.id](call).body())
                response.delay_s = fault.delay_s if fault else 0.0
        except AkoolError as error:
            shape = self.error_shapes.get(op.id) if op is not None else None
            body = shape(op.id, error.code, error.msg) if shape and op else error.envelope()
            response = json_response(body, error.http_status)
            message = error.msg
        except Exception:
            self.backend.counters.internal_errors += 1
            log.exception("akool-mock internal error on %s %s", request.method, request.path)
            internal = InternalError("akool-mock internal error; the traceback is in the server log")
            response = json_response(internal.envelope(), internal.http_status)
            message = internal.msg
        self._journal(request, op, account_id, response, started, message=message)
        self.backend.persist()
        return response

    def _authenticate(self, op: Operation, request: WireRequest) -> Account | None:
        if op.auth == "none":
            return None
        return self.backend.authenticate(request.header("authorization"), request.header("x-api-key"))

    def _fault(self, op: Operation, account_id: str | None) -> Fault | None:
        """An injected fault for this call, or a 1005 when the account is over its rate limit."""
        backend = self.backend
        if account_id is not None and backend.faults.over_rate(account_id, backend.now()):
            raise RateLimited()
        fault = backend.faults.take(op.id, account_id)
        if fault is not None and fault.code is not None:
            raise AkoolError(fault.msg, code=fault.code)
        return fault

    @staticmethod
    def _faulty(fault: Fault) -> WireResponse:
        status = fault.http_status or 200
        response = json_response({"code": fault.code or status, "msg": fault.msg or "injected fault"}, status)
        response.drop = fault.drop
        response.delay_s = fault.delay_s
        return response

    def _call(
        self, op: Operation, request: WireRequest, path_params: dict[str, str], account: Account | None
    ) -> Call:
        backend = self.backend
        has_body, has_query = self._parts[op.id]
        parts: dict[str, Any] = {}
        if has_body:
            parts["body"] = parse_json_body(
                request, backend.settings.max_body_bytes, backend.settings.max_json_depth
            )
        if has_query:
            parts["query"] = coerce_query(request.query, self._query_types[op.id])
        if path_params:
            parts["path"] = path_params
        check = self._checks[op.id]
        if not check(parts):  # only a request that fails the check is described in words
            # Only the first few are looked for: a body of a million bad items costs no more than six.
            violations = op.request_errors(parts, limit=MAX_LISTED_VIOLATIONS + 1)
            if violations:
                raise ValidationFailed(_violation_message(violations))
        return Call(op, backend, account, parts.get("body", {}), parts.get("query", {}), path_params)

    def _journal(
        self,
        request: WireRequest,
        op: Operation | None,
        account: str | None,
        response: WireResponse,
        started: float,
        *,
        message: str | None = None,
    ) -> None:
        code = _code_of(response)
        self.backend.record(
            JournalEntry(
                at_ms=self.backend.now_ms(),
                method=request.method,
                path=request.path,
                operation=op.id if op else None,
                account=account,
                code=code,
                http_status=response.status,
                latency_ms=(time.perf_counter() - started) * 1000,
                query=dict(request.query) if request.query else None,
                message=message,
            )
        )


def query_types(op: Operation) -> dict[str, tuple[Any, Any]]:
    """Each query parameter's JSON type (and item type for arrays), with `$ref`s followed, computed once."""
    query = op.request_schema.get("properties", {}).get("query", {})
    resolver = op.store.registry.resolver(base_uri=op.request_schema_id)

    def resolved(node: dict[str, Any]) -> dict[str, Any]:
        current = resolver
        while "$ref" in node and "type" not in node:
            found = current.lookup(node["$ref"])
            node, current = found.contents, found.resolver
        return node

    types: dict[str, tuple[Any, Any]] = {}
    for name, declared in query.get("properties", {}).items():
        spec = resolved(declared)
        items = resolved(spec.get("items", {})) if spec.get("type") == "array" else {}
        types[name] = (spec.get("type"), items.get("type"))
    return types


def _violation_message(violations: list[Any]) -> str:
    """`sourceImage[0].path: required; webhookUrl: must match ...`: the location prefix is dropped."""
    parts = []
    for violation in violations[:MAX_LISTED_VIOLATIONS]:
        path = violation.path
        for location in ("body.", "query.", "path."):
            if path.startswith(location):
                path = path[len(location) :]
                break
        parts.append(f"{path or 'request'}: {violation.message}")
    if len(violations) > MAX_LISTED_VIOLATIONS:
        parts.append("and more")
    return "; ".join(parts)


def _code_of(response: WireResponse) -> int:
    # The envelope starts with {"code":N — read it without parsing the whole body again.
    head = response.body[:24]
    if head.startswith(b'{"code":'):
        digits = head[8:].split(b",", 1)[0].split(b"}", 1)[0]
        if digits.isdigit():
            return int(digits)
    return 1000 if response.status == 200 else 0


__all__ = ["CONTROL_PREFIX", "Pipeline", "dumps"]
