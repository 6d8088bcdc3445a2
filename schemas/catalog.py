"""The catalog of Akool operations: one entry per operation, read from `catalog/<area>.json`.

`load_catalog()` is the one entry point; everything else in the project asks it for operations by id
(`faceswap.create_image`) or by route (method, host, path).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from akool_mock.schemas.registry import SCHEMA_DIR, URN_PREFIX, SchemaStore, Violation

Kind = Literal["sync", "list", "job_create", "job_poll", "session", "token"]
Envelope = Literal["akool", "token", "bare"]
KINDS: frozenset[str] = frozenset({"sync", "list", "job_create", "job_poll", "session", "token"})
ENVELOPES: frozenset[str] = frozenset({"akool", "token", "bare"})
ERROR_ENVELOPE = URN_PREFIX + "common#/$defs/ErrorEnvelope"
SUCCESS = 1000


@dataclass(frozen=True, slots=True)
class JobSpec:
    """How a job-creating operation reports its job."""

    id_path: str
    status_field: str
    result_fields: tuple[str, ...]
    poll_operation: str
    webhook_type: str | None
    media: str
    failure_field: str | None = None


@dataclass(frozen=True, slots=True)
class PollSpec:
    """How a poll operation finds and shows jobs."""

    id_in: str
    many: bool
    items_path: str
    status_field: str


@dataclass(frozen=True, slots=True)
class Operation:
    """One Akool operation of the contract."""

    id: str
    summary: str
    description: str
    method: str
    host: str
    path: str
    kind: Kind
    auth: Literal["required", "none"]
    envelope: Envelope
    docs: tuple[str, ...]
    openapi: tuple[str, ...]
    pricing: str | None
    job: JobSpec | None
    poll: PollSpec | None
    store: SchemaStore = field(repr=False, compare=False)
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def area(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def request_schema_id(self) -> str:
        return f"{URN_PREFIX}{self.id}.request"

    @property
    def response_schema_id(self) -> str:
        return f"{URN_PREFIX}{self.id}.response"

    @property
    def request_schema(self) -> dict[str, Any]:
        return self.store.documents[self.request_schema_id]

    @property
    def response_schema(self) -> dict[str, Any]:
        return self.store.documents[self.response_schema_id]

    @property
    def path_params(self) -> tuple[str, ...]:
        return tuple(re.findall(r"{([^}]+)}", self.path))

    def request_errors(self, request: dict[str, Any], limit: int | None = None) -> list[Violation]:
        """Violations of `{"body": ..., "query": ..., "path": ...}` against the request schema (the first
        `limit` found, when given)."""
        return self.store.violations(self.request_schema_id, request, limit)

    def response_errors(self, body: Any) -> list[Violation]:
        """Violations of a response body; an error answer is checked against the error envelope."""
        return self.store.violations(self.response_schema_for(body), body)

    def response_schema_for(self, body: Any) -> str:
        if self.envelope == "bare":
            return self.response_schema_id
        if isinstance(body, dict) and body.get("code", SUCCESS) != SUCCESS:
            return ERROR_ENVELOPE
        return self.response_schema_id


@dataclass(frozen=True, slots=True)
class Webhook:
    """The outbound webhook delivery and its decrypted payload."""

    id: str
    docs: tuple[str, ...]
    delivery_schema: str
    payload_schema: str
    types: dict[str, str]
    raw: dict[str, Any]


class Catalog:
    """All operations, by id and by route."""

    def __init__(
        self, operations: list[Operation], webhook: Webhook, areas: dict[str, str], store: SchemaStore
    ):
        self.operations = tuple(sorted(operations, key=lambda op: op.id))
        self.webhook = webhook
        self.areas = areas
        self.store = store
        self._by_id = {op.id: op for op in self.operations}
        self._by_route = {(op.method, op.host, op.path): op for op in self.operations}
        self._producers: dict[str, tuple[str, ...]] = {}
        for op in self.operations:
            if op.job is not None:
                poll = op.job.poll_operation
                self._producers[poll] = (*self._producers.get(poll, ()), op.id)

    def __len__(self) -> int:
        return len(self.operations)

    def __contains__(self, op_id: object) -> bool:
        return op_id in self._by_id

    def operation(self, op_id: str) -> Operation:
        try:
            return self._by_id[op_id]
        except KeyError:
            raise KeyError(f"unknown operation {op_id!r}") from None

    def producers(self, poll_op_id: str) -> tuple[str, ...]:
        """The operations whose jobs `poll_op_id` reads (their `job.poll_operation`), in catalog order."""
        return self._producers.get(poll_op_id, ())

    def by_route(self, method: str, host: str, path: str) -> Operation | None:
        """The operation served at `method host path`, path params matched by shape."""
        exact = self._by_route.get((method.upper(), host, path))
        if exact is not None:
            return exact
        for op in self.operations:
            matches = op.path_params and op.method == method.upper() and op.host == host
            if matches and route_regex(op.path).fullmatch(path):
                return op
        return None


@cache
def route_regex(path: str) -> re.Pattern[str]:
    """`/a/{_id}` as a regex with one named group per path parameter."""
    pattern = re.sub(r"\\{([^}]+)\\}", lambda m: f"(?P<{m.group(1)}>[^/]+)", re.escape(path))
    return re.compile(pattern)


def _job(raw: dict[str, Any] | None) -> JobSpec | None:
    if raw is None:
        return None
    return JobSpec(
        id_path=raw["id_path"],
        status_field=raw["status_field"],
        result_fields=tuple(raw.get("result_fields", ())),
        poll_operation=raw["poll_operation"],
        webhook_type=raw.get("webhook_type"),
        media=raw.get("media", "none"),
        failure_field=raw.get("failure_field"),
    )


def _poll(raw: dict[str, Any] | None) -> PollSpec | None:
    if raw is None:
        return None
    return PollSpec(raw["id_in"], bool(raw["many"]), raw["items_path"], raw["status_field"])


def _operation(raw: dict[str, Any], store: SchemaStore) -> Operation:
    if raw["kind"] not in KINDS:
        raise ValueError(f"{raw['id']}: unknown kind {raw['kind']!r}")
    if raw["envelope"] not in ENVELOPES:
        raise ValueError(f"{raw['id']}: unknown envelope {raw['envelope']!r}")
    return Operation(
        id=raw["id"],
        summary=raw["summary"],
        description=raw.get("description", ""),
        method=raw["method"].upper(),
        host=raw["host"],
        path=raw["path"],
        kind=raw["kind"],
        auth=raw["auth"],
        envelope=raw["envelope"],
        docs=tuple(raw.get("docs", ())),
        openapi=tuple(raw.get("openapi", ())),
        pricing=raw.get("pricing"),
        job=_job(raw.get("job")),
        poll=_poll(raw.get("poll")),
        store=store,
        raw=raw,
    )


def _webhook(raw: dict[str, Any]) -> Webhook:
    return Webhook(
        id=raw["id"],
        docs=tuple(raw.get("docs", ())),
        delivery_schema=raw["delivery_schema"],
        payload_schema=raw["payload_schema"],
        types=dict(raw.get("types", {})),
        raw=raw,
    )


def read_catalog(root: Path = SCHEMA_DIR) -> Catalog:
    """Read the catalog and every schema below `root` (uncached; tests use this on copies)."""
    store = SchemaStore(root)
    operations: list[Operation] = []
    areas: dict[str, str] = {}
    webhook: Webhook | None = None
    for path in sorted((root / "catalog").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        areas[document["area"]] = document.get("description", "")
        if "webhook" in document:
            webhook = _webhook(document["webhook"])
        operations.extend(_operation(raw, store) for raw in document.get("operations", ()))
    if webhook is None:
        raise ValueError("the catalog has no webhook entry (catalog/webhook.json)")
    return Catalog(operations, webhook, areas, store)


@cache
def load_catalog() -> Catalog:
    """The contract shipped with this package, read once."""
    return read_catalog()
