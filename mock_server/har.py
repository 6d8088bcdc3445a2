"""`--record FILE.har`: every exchange the proxy saw, as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/),
with secrets redacted (`redact.py`). Each entry also carries `_akool`: the operation and the drift found.

Bodies are kept as text (decoded as the client read it) when they are UTF-8, else base64. JSON bodies that had
a secret-named field are written back compactly; all others keep their exact bytes, so replay answers what the
upstream answered.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from akool_mock._version import __version__
from akool_mock.mock_server.proxy import Observed
from akool_mock.mock_server.proxy_wire import RawHeaders
from akool_mock.mock_server.redact import Redactor

HAR_VERSION = "1.2"


class HarRecorder:
    """An observer of the proxy: collects redacted entries; `write()` saves them (atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def __call__(self, observed: Observed) -> None:
        entry = har_entry(observed)
        with self._lock:
            self.entries.append(entry)

    def document(self) -> dict[str, Any]:
        with self._lock:
            entries = list(self.entries)
        return {
            "log": {
                "version": HAR_VERSION,
                "creator": {"name": "akool-mock", "version": __version__},
                "entries": entries,
            }
        }

    def write(self) -> Path:
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(
            json.dumps(self.document(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        os.replace(temporary, self.path)
        return self.path


def har_entry(observed: Observed) -> dict[str, Any]:
    """One HAR entry, redacted: pass 1 by name while it is built, then pass 2 by value over all of it."""
    redactor = Redactor()
    url = redactor.url(observed.url)
    request: dict[str, Any] = {
        "method": observed.method,
        "url": url,
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": _headers(redactor, observed.request_headers),
        "queryString": [
            {"name": n, "value": v}
            for n, v in redactor.pairs(parse_qsl(urlsplit(observed.url).query, keep_blank_values=True))
        ],
        "headersSize": -1,
        "bodySize": len(observed.request_body),
    }
    if observed.request_body:
        mime = _header(observed.request_headers, b"content-type") or "application/octet-stream"
        request["postData"] = {"mimeType": mime, **_content(redactor, observed.request_body)}
    entry = {
        "startedDateTime": observed.started.isoformat().replace("+00:00", "Z"),
        "time": round(observed.elapsed_ms, 3),
        "request": request,
        "response": _response(redactor, observed),
        "cache": {},
        "timings": {"send": 0, "wait": round(observed.elapsed_ms, 3), "receive": 0},
        "_akool": {
            "operation": observed.result.operation,
            "conforms": observed.result.conforms,
            "drift": [d.as_dict() for d in observed.result.drift],
        },
    }
    scrubbed: dict[str, Any] = redactor.scrub(entry)
    return scrubbed


def _response(redactor: Redactor, observed: Observed) -> dict[str, Any]:
    mime = observed.content_type or "application/octet-stream"
    content: dict[str, Any] = {"size": 0, "mimeType": mime}
    if observed.response_body is not None:
        body = _decoded(observed.response_headers, observed.response_body)
        content = {"size": len(body), "mimeType": mime, **_content(redactor, body)}
    elif observed.status is not None:
        content["comment"] = "not recorded: streamed through, too large to keep"
    response: dict[str, Any] = {
        "status": observed.status or 0,
        "statusText": "" if observed.status is not None else "no answer",
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": _headers(redactor, observed.response_headers),
        "content": content,
        "redirectURL": "",
        "headersSize": -1,
        "bodySize": len(observed.response_body) if observed.response_body is not None else -1,
    }
    if observed.error:
        response["_error"] = observed.error
    return response


def _headers(redactor: Redactor, raw: RawHeaders) -> list[dict[str, str]]:
    out = []
    for name, value in raw:
        text_name, text_value = name.decode("latin-1"), value.decode("latin-1")
        out.append({"name": text_name, "value": redactor.header(text_name, text_value)})
    return out


def _header(raw: RawHeaders, wanted: bytes) -> str | None:
    for name, value in raw:
        if name.lower() == wanted:
            return value.decode("latin-1")
    return None


def _decoded(headers: RawHeaders, body: bytes) -> bytes:
    encoding = _header(headers, b"content-encoding")
    if not encoding:
        return body
    try:
        return httpx.Response(200, headers={"content-encoding": encoding}, content=body).content
    except httpx.DecodingError:
        return body


def _content(redactor: Redactor, body: bytes) -> dict[str, str]:
    """`{"text": ...}` (redacted JSON, or the exact text), or `{"text": base64, "encoding": "base64"}`."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return {"text": base64.b64encode(body).decode("ascii"), "encoding": "base64"}
    try:
        parsed = json.loads(text)
    except ValueError:
        return {"text": redactor.text(text)}
    cleaned = redactor.json(parsed)
    if cleaned == parsed:
        return {"text": text}
    return {"text": json.dumps(cleaned, ensure_ascii=False, separators=(",", ":"))}
