"""Replay a HAR recording: the recorded answers, for the requests that match, in the order they came.

A request is matched on method, path, query and JSON body (secrets redacted on both sides, key order and
spacing ignored; host and headers never count). Requests recorded more than once (a poll) are answered in
turn, so a recorded job moves 1 → 2 → 3 as it did; once the recording runs out, the last answer repeats. When
nothing matches exactly, a request whose only differences are id-bearing values (`_id`, `_ids`, `task_id`,
path ids) gets the answers of the recorded request of the same shape. Anything else is answered as Akool
answers an unknown path, HTTP 404 with `{code: 1008, msg}`, and the message names the closest recorded
request.

`Replay.answer` takes and gives the pipeline's `WireRequest`/`WireResponse`, so `FakeAkool(replay=FILE)` and
`akool-mock replay FILE` (`create_replay_app`) answer alike.
"""

from __future__ import annotations

import base64
import contextlib
import difflib
import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import request_response

from akool_mock.mock_server.drift import ExchangeValidator
from akool_mock.mock_server.errors import UnknownRoute
from akool_mock.mock_server.redact import Redactor, redact_json
from akool_mock.mock_server.wire import WireRequest, WireResponse, json_response, parse_query

ID_NAME = re.compile(r"^_?ids?$|_ids?$")  # `_id`, `_ids`, `task_id`; not `clientId` (an account, not a job)
ANY_ID = "*"
# Headers that describe the recorded bytes on the wire, not the answer: the edge sets them again.
DROPPED_HEADERS = frozenset(
    {
        "content-length",
        "content-encoding",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "content-type",
        "date",
    }
)
Key = tuple[str, str, str, str]


class UnusableRecording(Exception):
    """The file is not a HAR recording this can replay."""


@dataclass(slots=True)
class Recorded:
    key: Key
    shape: Key
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str]
    label: str


@dataclass
class Replay:
    """The answerer: `answer(request)` gives the next recorded answer for it, or a clear miss."""

    entries: list[Recorded]
    validator: ExchangeValidator = field(default_factory=ExchangeValidator)
    _exact: dict[Key, list[Recorded]] = field(default_factory=dict)
    _shaped: dict[Key, list[Recorded]] = field(default_factory=dict)
    _served: dict[tuple[str, Key], int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        for entry in self.entries:
            self._exact.setdefault(entry.key, []).append(entry)
            self._shaped.setdefault(entry.shape, []).append(entry)

    @classmethod
    def from_file(cls, path: Path | str, validator: ExchangeValidator | None = None) -> Replay:
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
            raw_entries = document["log"]["entries"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UnusableRecording(f"{path}: not a HAR file ({type(exc).__name__}: {exc})") from exc
        validator = validator or ExchangeValidator()
        entries = [_recorded(validator, raw, f"{path}#entries[{i}]") for i, raw in enumerate(raw_entries)]
        return cls([e for e in entries if e is not None], validator)

    def reset(self) -> None:
        """Start every sequence from its first answer again."""
        self._served.clear()

    def answer(self, request: WireRequest) -> WireResponse:
        key = request_key(request.method, request.path, request.query, request.body)
        group, cursor = self._exact.get(key), ("exact", key)
        if group is None:
            shape = shape_of(self.validator, key)
            group, cursor = self._shaped.get(shape), ("shape", shape)
        if group is None:
            return self._miss(key)
        index = self._served[cursor]
        self._served[cursor] = index + 1
        entry = group[min(index, len(group) - 1)]
        return WireResponse(entry.status, entry.body, entry.content_type, dict(entry.headers))

    def _miss(self, key: Key) -> WireResponse:
        wanted = _describe(key)
        message = f"akool-mock replay: no recorded answer for {wanted}"
        if self.entries:
            closest = max(self.entries, key=lambda e: _likeness(e.key, key))
            message += f"; the closest recorded request is {_describe(closest.key)} ({closest.label})"
        else:
            message += "; the recording is empty"
        error = UnknownRoute(message)
        response = json_response(error.envelope(), error.http_status)
        response.headers["x-akool-mock-replay"] = "miss"
        return response


def request_key(
    method: str, path: str, query: Mapping[str, str | list[str]], body: bytes | bytearray | str
) -> Key:
    """What a request is matched on: method, path, the query and the JSON body, redacted and canonical."""
    pairs = sorted(
        (name, item)
        for name, value in query.items()
        for item in (value if isinstance(value, list) else [value])
    )
    clean = Redactor().pairs(pairs)
    return method.upper(), path, json.dumps(clean), _canonical_body(body)


def _canonical_body(body: bytes | bytearray | str) -> str:
    if not body:
        return ""
    text = body if isinstance(body, str) else body.decode("utf-8", "replace")
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return json.dumps(redact_json(parsed), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def shape_of(validator: ExchangeValidator, key: Key) -> Key:
    """The key with every id-bearing value (path parameters, `_id`, `_ids`, `task_id`, ...) made `*`."""
    method, path, query, body = key
    routed = validator.route(method, path)
    if routed is not None and routed[1]:
        path = routed[0].path
    pairs = [(name, ANY_ID if ID_NAME.search(name) else value) for name, value in json.loads(query)]
    if body:
        with contextlib.suppress(ValueError):
            body = json.dumps(_without_ids(json.loads(body)), sort_keys=True, separators=(",", ":"))
    return method, path, json.dumps(pairs), body


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: ANY_ID if ID_NAME.search(k) and not isinstance(v, dict) else _without_ids(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _describe(key: Key) -> str:
    method, path, query, body = key
    pairs = json.loads(query)
    text = f"{method} {path}" + ("?" + "&".join(f"{n}={v}" for n, v in pairs) if pairs else "")
    if body:
        text += f" with body {body if len(body) <= 160 else body[:157] + '...'}"
    return text


def _likeness(recorded: Key, wanted: Key) -> float:
    """Same method and path first, then how alike the rest reads."""
    same = (recorded[0] == wanted[0]) * 2 + (recorded[1] == wanted[1]) * 2
    rest = difflib.SequenceMatcher(None, " ".join(recorded), " ".join(wanted)).ratio()
    return same + rest


def _recorded(validator: ExchangeValidator, raw: Any, label: str) -> Recorded | None:
    try:
        request, response = raw["request"], raw["response"]
        parts = urlsplit(str(request["url"]))
        status = int(response["status"])
    except (KeyError, TypeError, ValueError) as exc:
        raise UnusableRecording(f"{label}: not a HAR entry ({type(exc).__name__}: {exc})") from exc
    if status == 0:
        return None  # no answer was recorded (the upstream failed): nothing to replay
    query = parse_query(parse_qsl(parts.query, keep_blank_values=True))
    key = request_key(
        str(request["method"]), parts.path, query, (request.get("postData") or {}).get("text", "")
    )
    content = response.get("content") or {}
    text = content.get("text", "")
    body = base64.b64decode(text) if content.get("encoding") == "base64" else str(text).encode("utf-8")
    headers = {
        h["name"].lower(): h["value"]
        for h in response.get("headers", ())
        if h["name"].lower() not in DROPPED_HEADERS
    }
    mime = content.get("mimeType") or "application/json"
    return Recorded(key, shape_of(validator, key), status, body, mime, headers, label)


def create_replay_app(replay: Replay) -> Starlette:
    """`akool-mock replay FILE`: every path and method answered from the recording."""

    async def endpoint(request: Request) -> Response:
        wire = WireRequest(
            method=request.method,
            path=request.url.path,
            query=parse_query(list(request.query_params.multi_items())),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=await request.body(),
            host=request.url.hostname or "",
        )
        answer = replay.answer(wire)
        return Response(answer.body, answer.status, headers=answer.headers, media_type=answer.content_type)

    app = Starlette()
    app.router.default = request_response(endpoint)
    return app
