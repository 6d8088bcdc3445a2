"""Hot paths, before and after, in the same run: each optimization's old way against its new way.

- request validation: jsonschema walking the schema (what every request paid before) against the
  jsonschema-rs check (schemas/registry.py), for the poll's query and the create's body;
- JSON encoding of an answer: `json.dumps(..., ensure_ascii=False, separators=...)` (a new encoder per call)
  against the one encoder made once (mock_server/wire.py), with orjson for reference (not adopted);
- the Starlette edge: `request.url.path`, `query_params`, `headers`, `url.hostname` against reading the ASGI
  scope (mock_server/app.py);
- a whole request through the pipeline (no HTTP), poll and create, as it is now.

Times are CPU microseconds per call (best of 3 bounded loops), so the machine's neighbours do not count.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from benchmarks.common import API_KEY, BENCH_CONFIG, CREATE_BODY, CREATE_BYTES, fmt, table

CALLS = 2000


def cpu_us(action: Callable[[], Any], calls: int = CALLS, repeats: int = 3) -> float:
    """Best of `repeats` runs of `calls` calls, in CPU microseconds per call."""
    best = float("inf")
    for _ in range(repeats):
        started = time.thread_time()
        for _ in range(calls):
            action()
        best = min(best, (time.thread_time() - started) / calls * 1e6)
    return best


@dataclass(slots=True)
class HotpathReport:
    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, what: str, before: float | None, after: float, note: str = "") -> None:
        self.rows.append(
            {
                "what": what,
                "before_us": round(before, 2) if before is not None else None,
                "after_us": round(after, 2),
                "speedup": round(before / after, 1) if before and after else None,
                "note": note,
            }
        )

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows}


def run() -> HotpathReport:
    from starlette.requests import Request

    from akool_mock.mock_server.app import _path_and_host, build_pipeline
    from akool_mock.mock_server.settings import build_settings
    from akool_mock.mock_server.wire import WireRequest, dumps, parse_query

    report = HotpathReport()
    pipeline = build_pipeline(build_settings(BENCH_CONFIG, clock="manual", seed=0))
    headers = {"x-api-key": API_KEY, "content-type": "application/json"}
    create = WireRequest("POST", "/api/open/v3/faceswap/highquality/specifyimage", {}, headers, CREATE_BYTES)
    created = json.loads(pipeline.handle(create).body)
    job_id = created["data"]["_id"]
    poll = WireRequest("GET", "/api/open/v3/faceswap/result/listbyids", {"_ids": job_id}, headers)
    answer = json.loads(pipeline.handle(poll).body)
    store = pipeline.backend.catalog.store

    def jsonschema_way(schema_id: str, instance: Any) -> list[Any]:
        return list(store.validator(schema_id).iter_errors(instance))

    for name, schema_id, instance in (
        (
            "validate a poll's query",
            "urn:akool-mock:schemas:faceswap.list_results.request",
            {"query": {"_ids": job_id}},
        ),
        (
            "validate a create's body",
            "urn:akool-mock:schemas:faceswap.create_image.request",
            {"body": CREATE_BODY},
        ),
    ):
        check = store.check(schema_id)
        if jsonschema_way(schema_id, instance) or not check(instance):
            raise RuntimeError(f"{schema_id}: the benchmark's instance should be valid")
        before = cpu_us(partial(jsonschema_way, schema_id, instance))
        report.add(name, before, cpu_us(partial(check, instance)), "jsonschema → jsonschema-rs check")

    report.add(
        "encode a poll's answer",
        cpu_us(lambda: json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")),
        cpu_us(lambda: dumps(answer)),
        "json.dumps(**options) → one encoder made once (same bytes)",
    )
    try:
        import orjson

        report.add("encode a poll's answer with orjson", None, cpu_us(lambda: orjson.dumps(answer)),
                   "reference only, not adopted: floats like 1e-05 and NaN come out differently")  # fmt: skip
    except ImportError:
        pass

    scope: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "path": "/api/open/v3/faceswap/result/listbyids",
        "query_string": f"_ids={job_id}".encode(),
        "headers": [(b"host", b"127.0.0.1:8000"), (b"x-api-key", API_KEY.encode()), (b"accept", b"*/*")],
    }

    def starlette_way() -> Any:
        request = Request(scope)
        return (
            request.url.path,
            parse_query(request.query_params.multi_items()),
            {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.headers.raw},
            request.url.hostname or "",
        )

    def scope_way() -> Any:
        request = Request(scope)
        path, host = _path_and_host(request)
        return (
            path,
            parse_query(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)),
            {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]},
            host,
        )

    if starlette_way() != scope_way():
        raise RuntimeError("the edge's fast path does not give what Starlette gives")
    report.add("read an HTTP request at the edge", cpu_us(starlette_way), cpu_us(scope_way),
               "Starlette URL/QueryParams/Headers → the ASGI scope")  # fmt: skip
    quiet_poll = cpu_us(lambda: pipeline.handle(poll))
    report.add("a whole poll through the pipeline", None, quiet_poll, "no HTTP")
    report.add(
        "a whole poll with its log line",
        quiet_poll,
        _logged_poll_us(pipeline, poll),
        "logging off → on (the default: a text line, here to /dev/null)",
    )
    whole_create = cpu_us(lambda: pipeline.handle(create), calls=500)
    report.add(
        "a whole create through the pipeline", None, whole_create, "no HTTP; validated, charged, job created"
    )
    return report


def _logged_poll_us(pipeline: Any, poll: Any) -> float:
    """The same poll with `akool-mock serve`'s logging on; the process's logging is put back afterwards."""
    import logging

    from akool_mock.mock_server.logs import configure_logging, observe

    root = logging.getLogger("akool_mock")
    saved = (list(root.handlers), root.level, root.propagate)
    with open(os.devnull, "w", encoding="utf-8") as sink:
        configure_logging("info", "text", sink)
        observe(pipeline.backend)
        try:
            return cpu_us(lambda: pipeline.handle(poll))
        finally:
            pipeline.backend.observers.requests.clear()
            root.handlers[:] = saved[0]
            root.setLevel(saved[1])
            root.propagate = saved[2]


def render(report: HotpathReport) -> str:
    rows = [
        [row["what"], fmt(row["before_us"], 1), fmt(row["after_us"], 1),
         f"{row['speedup']}×" if row["speedup"] else "", row["note"]]
        for row in report.rows
    ]  # fmt: skip
    return table(["hot path", "before µs (CPU)", "after µs (CPU)", "speed-up", "what changed"], rows)
