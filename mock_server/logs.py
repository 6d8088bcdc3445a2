"""The served fake's log: one line per request and one per webhook attempt, as text or JSON lines.

    2026-12-02T19:04:05.123Z  POST /api/open/v3/faceswap/highquality/specifyimage  faceswap.create_image
        account=AKmockClientId0000000001 code=1003 http=200 0.41ms  "sourceImage: required"
    2026-12-02T19:04:09.870Z  webhook wh_00000002 job=6650... status=3 -> http://127.0.0.1:4000/hook
        failed (HTTP 500), next retry in 30s

(each on one line). Accounts are named by clientId; an API key or token never reaches a line. Refusals
(code != 1000) are logged at WARNING, so `--log-level warning` shows only what went wrong; answers with
HTTP 5xx at ERROR. Colour only when the stream is a terminal. Lines go through the standard `logging`
module (loggers `akool_mock.requests` and `akool_mock.webhooks`), so an embedding application can route them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from typing import Any, TextIO

from akool_mock.mock_server.state import Backend, JournalEntry
from akool_mock.mock_server.webhooks import Attempt, Delivery

REQUESTS = logging.getLogger("akool_mock.requests")
WEBHOOKS = logging.getLogger("akool_mock.webhooks")
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
COLOURS = {logging.INFO: "\x1b[32m", logging.WARNING: "\x1b[33m", logging.ERROR: "\x1b[31m"}
RESET = "\x1b[0m"
DIM = "\x1b[2m"


def request_fields(entry: JournalEntry) -> dict[str, Any]:
    return {
        "event": "request",
        "method": entry.method,
        "path": entry.path,
        "operation": entry.operation,
        "account": entry.account,
        "code": entry.code,
        "http_status": entry.http_status,
        "latency_ms": round(entry.latency_ms, 3),
        "message": entry.message,
    }


def attempt_fields(delivery: Delivery, attempt: Attempt) -> dict[str, Any]:
    next_at = delivery.next_at if delivery.state == "pending" and attempt.status != 200 else None
    return {
        "event": "webhook",
        "delivery": delivery.id,
        "job": delivery.job_id,
        "account": delivery.account,
        "status": delivery.status,
        "url": attempt.url or delivery.url,
        "http_status": attempt.status,
        "outcome": "delivered" if attempt.status == 200 else "failed",
        "error": attempt.error,
        "next_retry_in_s": round(next_at - attempt.at_ms / 1000, 3) if next_at is not None else None,
    }


def request_level(entry: JournalEntry) -> int:
    if entry.http_status >= 500:
        return logging.ERROR
    return logging.INFO if entry.code == 1000 else logging.WARNING


def _emit(logger: logging.Logger, level: int, fields: dict[str, Any]) -> None:
    """One line. When the only destination is the handler `configure_logging` installed, it writes the line
    itself (no LogRecord, no walk of the logger tree: half the cost per request); otherwise the line goes
    through `logging` as usual, so an application's own handlers and filters see it."""
    parent = logger.parent
    if not logger.handlers and not logger.filters and parent is not None and not parent.filters:
        handlers = parent.handlers
        if len(handlers) == 1 and isinstance(handlers[0], LineHandler) and level >= handlers[0].level:
            handlers[0].write_line(level, fields)
            return
    # No findCaller: the caller's file and line would always be this module.
    record = logger.makeRecord(logger.name, level, "", 0, fields["event"], (), None, extra={"fields": fields})
    logger.handle(record)


def log_request(entry: JournalEntry) -> None:
    level = request_level(entry)
    if REQUESTS.isEnabledFor(level):  # nothing is built for a line nobody reads
        _emit(REQUESTS, level, request_fields(entry))


def log_attempt(delivery: Delivery, attempt: Attempt) -> None:
    level = logging.INFO if attempt.status == 200 else logging.WARNING
    if WEBHOOKS.isEnabledFor(level):
        _emit(WEBHOOKS, level, attempt_fields(delivery, attempt))


def observe(backend: Backend) -> None:
    """Log every request and webhook attempt of this backend (once, however often it is called)."""
    if log_request not in backend.observers.requests:
        backend.observers.requests.append(log_request)
    if log_attempt not in backend.observers.attempts:
        backend.observers.attempts.append(log_attempt)


class Stamp:
    """ISO 8601 UTC with milliseconds; the date and time part is formatted once per second, not per line."""

    def __init__(self) -> None:
        self.second = -1
        self.prefix = ""

    def __call__(self, created: float) -> str:
        second = int(created)
        if second != self.second:
            self.second, self.prefix = second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return f"{self.prefix}.{int((created - second) * 1000):03d}Z"


def _text(fields: dict[str, Any]) -> str:
    if fields.get("event") == "request":
        line = (
            f"{fields['method']} {fields['path']}  {fields['operation'] or '-'}  "
            f"account={fields['account'] or '-'} code={fields['code']} http={fields['http_status']} "
            f"{fields['latency_ms']:.2f}ms"
        )
        return f"{line}  {json.dumps(fields['message'])}" if fields["message"] else line
    if fields.get("event") == "webhook":
        outcome = (
            "delivered"
            if fields["outcome"] == "delivered"
            else f"failed ({fields['error'] or 'HTTP ' + str(fields['http_status'])})"
        )
        retry = fields["next_retry_in_s"]
        tail = f", next retry in {retry:g}s" if retry is not None else ""
        return (
            f"webhook {fields['delivery']} job={fields['job']} status={fields['status']} -> {fields['url']}  "
            f"{outcome}{tail}"
        )
    return ""


class TextFormatter(logging.Formatter):
    def __init__(self, colour: bool) -> None:
        super().__init__()
        self.colour = colour
        self.stamp = Stamp()

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None)
        body = _text(fields) if fields else record.getMessage()
        if record.exc_info:
            body = f"{body}\n{self.formatException(record.exc_info)}"
        return self.decorate(record.levelno, body, record.created)

    def line(self, levelno: int, fields: dict[str, Any], created: float) -> str:
        return self.decorate(levelno, _text(fields), created)

    def decorate(self, levelno: int, body: str, created: float) -> str:
        stamp = self.stamp(created)
        if not self.colour:
            return f"{stamp}  {body}"
        return f"{DIM}{stamp}{RESET}  {COLOURS.get(levelno, '')}{body}{RESET}"


class JsonFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__()
        self.stamp = Stamp()

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {"event": "log", "message": record.getMessage()}
        if record.exc_info:
            fields = {**fields, "traceback": self.formatException(record.exc_info)}
        return self.line(record.levelno, fields, record.created)

    def line(self, levelno: int, fields: dict[str, Any], created: float) -> str:
        line: dict[str, Any] = {"time": self.stamp(created), "level": logging.getLevelName(levelno).lower()}
        line.update(fields)
        return json.dumps(line, separators=(",", ":"), default=str)


class LineHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The serving process's handler: lines from the formatters above, flushed one by one (a log is live)."""

    def __init__(self, stream: TextIO, formatter: TextFormatter | JsonFormatter) -> None:
        super().__init__(stream)
        self.setFormatter(formatter)
        self.lines = formatter

    def write_line(self, levelno: int, fields: dict[str, Any]) -> None:
        text = self.lines.line(levelno, fields, time.time()) + self.terminator
        with self.lock or contextlib.nullcontext():
            try:
                self.stream.write(text)
                self.stream.flush()
            except (OSError, ValueError):  # a closed or broken stream must not fail a request
                self.handleError(_unformattable(levelno, fields))


def _unformattable(levelno: int, fields: dict[str, Any]) -> logging.LogRecord:
    return logging.LogRecord("akool_mock", levelno, "", 0, str(fields.get("event")), (), None)


def configure_logging(level: str = "info", fmt: str = "text", stream: TextIO | None = None) -> None:
    """Lines to `stream` (stderr by default) for the `akool_mock` loggers; colour only on a terminal."""
    stream = stream or sys.stderr
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    handler = LineHandler(stream, JsonFormatter() if fmt == "json" else TextFormatter(colour=is_tty))
    root = logging.getLogger("akool_mock")
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(LEVELS[level])
    root.propagate = False
    # The serving process reads none of these per-record facts; not collecting them halves a line's cost.
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
