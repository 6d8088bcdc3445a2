"""A small Akool look-alike that answers a poll with deliberate drift, chosen by the `_ids` it is asked for.

`GET /api/open/v3/faceswap/result/listbyids?_ids=<case>`: `good`, `missing` (no `_id`), `wrong-type` (`_id`
a number), `unknown` (a field the contract does not declare), `not-json` (an HTML error page), `slow`
(answers after 2 s), `drop` (promises a body and closes mid-way), `big` (a valid answer of about 200 kB),
`gzip` (a valid answer, gzip-encoded), `status-500`; `chunked` and `big-chunked` (`good` and `big` sent in
pieces, chunked, with no length); `trickle` (`good` in 4 pieces, 0.3 s apart). `POST /echo`, and every
other path: the request as it arrived (and the client's port), as JSON.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import request_response
from starlette.types import Receive, Scope, Send

ITEM = {"_id": "6774858a0d40cbe7f2bcd2c2", "faceswap_status": 1, "url": ""}


def poll_answer(*items: dict[str, Any]) -> dict[str, Any]:
    return {"code": 1000, "msg": "OK", "data": {"result": list(items)}}


def _json(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(value), status, headers=headers, media_type="application/json")


class Dropped(Response):
    def __init__(self) -> None:
        super().__init__(b"", 200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", b"1024")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b'{"code":', "more_body": False})


async def _poll(case: str) -> Response:
    simple = {
        "good": poll_answer(ITEM),
        "missing": poll_answer({"faceswap_status": 1}),
        "wrong-type": poll_answer({**ITEM, "_id": 12345}),
        "unknown": poll_answer({**ITEM, "brand_new_field": True}),
        "big": poll_answer(*({**ITEM, "url": f"https://cdn.example.com/{n:08}.png"} for n in range(4000))),
    }
    if case in simple:
        return _json(simple[case], headers={"x-upstream": case, "set-cookie": "a=1"})
    if case.endswith("chunked"):
        body = json.dumps(simple["big" if case == "big-chunked" else "good"]).encode()
        pieces = [body[i : i + 1000] for i in range(0, len(body), 1000)]
        return StreamingResponse(iter(pieces), media_type="application/json")
    if case == "gzip":
        body = gzip.compress(json.dumps(poll_answer(ITEM)).encode())
        return Response(body, 200, headers={"content-encoding": "gzip"}, media_type="application/json")
    if case == "not-json":
        return Response("<html><body>502 Bad Gateway</body></html>", 200, media_type="text/html")
    return await _troubled(case)


async def _troubled(case: str) -> Response:
    if case == "slow":
        await asyncio.sleep(2.0)
        return _json(poll_answer(ITEM))
    if case == "drop":
        return Dropped()
    if case == "trickle":
        return StreamingResponse(
            _trickle(json.dumps(poll_answer(ITEM)).encode()), media_type="application/json"
        )
    if case == "status-500":
        return _json({"code": 1500, "msg": "upstream trouble"}, 500)
    return _json(poll_answer())


async def _trickle(body: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(body), len(body) // 4 + 1):
        yield body[start : start + len(body) // 4 + 1]
        await asyncio.sleep(0.3)


async def endpoint(request: Request) -> Response:
    if request.url.path == "/api/open/v3/faceswap/result/listbyids":
        return await _poll(request.query_params.get("_ids", ""))
    echo = {
        "method": request.method,
        "raw_path": request.scope.get("raw_path", b"").decode("latin-1"),
        "query_string": request.scope["query_string"].decode("latin-1"),
        "headers": [[k.decode("latin-1"), v.decode("latin-1")] for k, v in request.scope["headers"]],
        "body": (await request.body()).decode("latin-1"),
        "client_port": request.scope["client"][1],
    }
    return _json(echo, 404 if request.url.path.startswith("/missing") else 200)


def create_app() -> Starlette:
    app = Starlette()
    app.router.default = request_response(endpoint)
    return app
