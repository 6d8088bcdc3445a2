"""The control API under `/_mock/` (a prefix the real API never uses): drive the fake from tests.

    POST /_mock/reset                          forget everything (same seed, same ids again)
    GET  /_mock/clock                          {now_ms, kind, speed}
    POST /_mock/clock/advance {"seconds": N}   move the clock (jobs due by then move too)
    POST /_mock/clock/speed {"speed": F}       real clock only
    GET  /_mock/jobs[?account=&operation=&status=]   GET /_mock/jobs/{id}
    POST /_mock/jobs/{id}/complete | /fail {"reason": ...} | /advance
    GET  /_mock/accounts   POST /_mock/accounts {client_id, api_key, credits, banned, plan}
    POST /_mock/accounts/{client_id} {"credits": N, "banned": bool, "plan": "free|pro|max|business|..."}
    GET  /_mock/webhooks[?job=ID&offset=N&limit=N]   deliveries, oldest first, with attempts and payload
    POST /_mock/webhooks/{id}/redeliver        send a delivery again
    POST /_mock/accounts/{client_id}/webhook-modes {"ordered", "duplicate", "out_of_order",
                          "tamper_signature", "stale_timestamp", "replay_nonce": bool, "delay_s": N}
    GET  /_mock/webhook-policy                 {"allowlist": [...], "allow_self": bool}
    POST /_mock/webhook-policy {"allowlist": ["host", "host:port", "host:*"], "allow_self": bool}
    GET|POST /_mock/webhooks/forward {"url": U | null}   send every delivery to U (`akool-mock listen`)
    GET  /_mock/faults
    POST /_mock/faults {operation?, account?, count?, code | http_status | delay_s | drop}
    DELETE /_mock/faults                       remove every fault and rate limit
    POST /_mock/accounts/{client_id}/rate-limit {"per_second": N | null}
    GET  /_mock/journal[?limit=N]              newest last
    GET  /_mock/stats                          counters, pending webhooks, heap size
    GET  /_mock/media/{id}.{ext}               result media (no control token needed)
    GET  /_mock/health                         {"status": "ok", "version"} (no control token needed)
    GET  /_mock/ui...                          the dashboard (dashboard/__init__.py)

Answers are plain JSON; errors are `{"error": "..."}` with a 4xx status. When a control token is set,
every call but media and health needs the header `x-akool-mock-token` (or the dashboard's cookie).
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import sys
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any

from akool_mock.mock_server.clock import MAX_SPEED, MAX_TIME, MIN_SPEED
from akool_mock.mock_server.dashboard import COOKIE
from akool_mock.mock_server.dashboard import ROUTES as DASHBOARD_ROUTES
from akool_mock.mock_server.errors import NotFound
from akool_mock.mock_server.jobs import Job, JobStateError
from akool_mock.mock_server.json_reader import JsonLimits, JsonRefused
from akool_mock.mock_server.json_stream import read_body_json
from akool_mock.mock_server.media import serve_media
from akool_mock.mock_server.plans import DEFAULT_PLAN
from akool_mock.mock_server.settings import ConfigError
from akool_mock.mock_server.spelling import UnknownName, check_names
from akool_mock.mock_server.state import Account, Backend
from akool_mock.mock_server.wire import WireRequest, WireResponse, json_response

TOKEN_HEADER = "x-akool-mock-token"
MAX_CONTROL_BODY = 1024 * 1024
MAX_CREDITS = 1e15  # credits stay finite and exact to the cent
MAX_WEBHOOK_DELAY_S = 86_400.0
MAX_RATE = 1e6
# Readable without the token: result media (clients fetch result URLs) and readiness (probes send no header).
OPEN_PREFIXES = ("/_mock/media/", "/_mock/health")
log = logging.getLogger("akool_mock")


class ControlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


Route = Callable[["Control", WireRequest, dict[str, str]], Any]


def job_dict(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "operation": job.op_id,
        "account": job.owner,
        "status": job.status,
        "policy": job.policy,
        "polls": job.polls,
        "created_at": int(job.created_at * 1000),
        "updated_at": int(job.updated_at * 1000),
        "completed_at": int(job.completed_at * 1000) if job.completed_at else None,
        "failure_reason": job.failure_reason,
        "webhook_url": job.webhook_url,
        "cost": job.cost,
        "deleted": job.deleted,
        "history": [{"status": status, "at": int(at * 1000)} for status, at in job.history],
        "fields": job.fields.as_dict(),
    }


def account_dict(account: Account) -> dict[str, Any]:
    """An account as the control API shows it: never the API key itself."""
    return {
        "client_id": account.client_id,
        "credits": account.credits,
        "charged": account.charged,
        "banned": account.banned,
        "plan": account.plan,
        "uid": account.uid,
        "api_key_hint": account.api_key[:4] + "…",
    }


class Control:
    """Routes `/_mock/*` requests to Backend operations."""

    def __init__(self, backend: Backend, token: str | None = None) -> None:
        self.backend = backend
        self.token = token
        self.routes: list[tuple[str, re.Pattern[str], Route]] = [
            (method, re.compile(f"^/_mock/{pattern}$"), route)
            for method, pattern, route in [*ROUTES, *DASHBOARD_ROUTES]
        ]

    def __call__(self, request: WireRequest) -> WireResponse:
        try:
            if not request.path.startswith(OPEN_PREFIXES):
                self._check_token(request)
            for method, pattern, route in self.routes:
                match = pattern.match(request.path)
                if match and method == request.method.upper():
                    check_keys(self.backend, route, request)
                    result = route(self, request, match.groupdict())
                    return result if isinstance(result, WireResponse) else json_response(result)
            raise ControlError(404, f"no control route {request.method} {request.path}")
        except ControlError as error:
            return json_response({"error": str(error)}, error.status)
        except UnknownName as error:
            return json_response({"error": str(error)}, 400)
        except (JobStateError, ConfigError, ValueError) as error:
            return json_response({"error": str(error)}, 409)
        except NotFound as error:
            return json_response({"error": error.msg}, 404)
        except Exception:  # a bug in the fake must not take the server down; it is logged and counted
            self.backend.counters.internal_errors += 1
            log.exception("akool-mock control API error on %s %s", request.method, request.path)
            return json_response(
                {"error": "akool-mock internal error; the traceback is in the server log"}, 500
            )

    def _check_token(self, request: WireRequest) -> None:
        if self.token is None:
            return
        given = request.header(TOKEN_HEADER) or _cookie_token(request)
        if not given and request.path == "/_mock/ui":  # the dashboard's first visit: /_mock/ui?token=...
            given = str(request.query.get("token") or "")
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise ControlError(401, f"the control API needs the {TOKEN_HEADER} header")

    def job(self, job_id: str) -> Job:
        job = self.backend.jobs.get(job_id)
        if job is None:
            raise ControlError(404, f"no job {job_id}")
        return job


def _cookie_token(request: WireRequest) -> str:
    """The dashboard's token cookie (a browser cannot send the header when following a link)."""
    raw = request.header("cookie")
    if not raw:
        return ""
    try:
        morsel = SimpleCookie(raw).get(COOKIE)
    except CookieError:
        return ""
    return morsel.value if morsel is not None else ""


def _body(request: WireRequest) -> dict[str, Any]:
    """The JSON object sent, read within the same limits as the public API (json_reader.py)."""
    if len(request.body) > MAX_CONTROL_BODY:
        raise ControlError(413, f"body: {len(request.body)} bytes is over the limit of {MAX_CONTROL_BODY}")
    if not request.body.strip():
        return {}
    try:
        value = read_body_json(request.body, JsonLimits(), request.parsed)
    except JsonRefused as exc:
        raise ControlError(400, f"body: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ControlError(400, f"body is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ControlError(400, "body must be a JSON object")
    return value


def _number(body: dict[str, Any], name: str, low: float, high: float) -> float:
    """A finite number between `low` and `high` (both included), or a 400 naming the field."""
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ControlError(400, f"{name} must be a number")
    if not low <= value <= high:  # also refuses NaN (no comparison holds)
        raise ControlError(400, f"{name} must be between {low:g} and {high:g}")
    return float(value)


def _reset(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    c.backend.reset()
    return {"reset": True}


def _clock(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    clock = c.backend.clock
    return {"now_ms": c.backend.now_ms(), "kind": getattr(clock, "kind", "custom"), "speed": clock.speed}


def _advance_clock(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    seconds = _number(_body(r), "seconds", 0, MAX_TIME - c.backend.clock.now())
    c.backend.clock.advance(seconds)
    moved = c.backend.tick()
    return {**_clock(c, r, _p), "jobs_moved": moved}


def _speed(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    c.backend.clock.set_speed(_number(_body(r), "speed", MIN_SPEED, MAX_SPEED))
    return _clock(c, r, _p)


def _jobs(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    c.backend.tick()
    q = r.query
    found = [
        job_dict(job)
        for job in c.backend.jobs
        if q.get("account") in (None, job.owner)
        and q.get("operation") in (None, job.op_id)
        and q.get("status") in (None, str(job.status))
    ]
    return {"count": len(found), "jobs": found}


def _job(c: Control, _r: WireRequest, p: dict[str, str]) -> Any:
    c.backend.tick()
    return job_dict(c.job(p["id"]))


def _complete(c: Control, _r: WireRequest, p: dict[str, str]) -> Any:
    job = c.job(p["id"])
    c.backend.jobs.complete(job, c.backend.now())
    return job_dict(job)


def _fail(c: Control, r: WireRequest, p: dict[str, str]) -> Any:
    job = c.job(p["id"])
    reason = _body(r).get("reason")
    c.backend.jobs.fail(job, c.backend.now(), str(reason) if reason is not None else None)
    return job_dict(job)


def _advance_job(c: Control, _r: WireRequest, p: dict[str, str]) -> Any:
    job = c.job(p["id"])
    c.backend.jobs.step(job, c.backend.now())
    return job_dict(job)


def _accounts(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    return {"accounts": [account_dict(a) for a in c.backend.accounts.values()]}


def _create_account(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    body = _body(r)
    account = c.backend.create_account(
        client_id=str(body["client_id"]) if body.get("client_id") else None,
        api_key=str(body["api_key"]) if body.get("api_key") else None,
        credits=_number(body, "credits", -MAX_CREDITS, MAX_CREDITS) if "credits" in body else None,
        banned=bool(body.get("banned", False)),
        plan=str(body.get("plan", DEFAULT_PLAN)),
    )
    # The key is shown once, at creation, so a test can use it; it is never listed again.
    return {**account_dict(account), "api_key": account.api_key}


def _update_account(c: Control, r: WireRequest, p: dict[str, str]) -> Any:
    account = c.backend.account(p["client_id"])
    body = _body(r)
    credits = _number(body, "credits", -MAX_CREDITS, MAX_CREDITS) if "credits" in body else None
    banned = bool(body["banned"]) if "banned" in body else None
    plan = str(body["plan"]) if "plan" in body else None
    c.backend.update_account(account, credits=credits, banned=banned, plan=plan)
    return account_dict(account)


def _journal(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    limit = str(r.query.get("limit", "100"))
    entries = list(c.backend.journal)[-int(limit) :] if limit.isdigit() and 0 < len(limit) < 10 else []
    return {"size": len(c.backend.journal), "entries": [e.as_dict() for e in entries]}


def _stats(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    counters = c.backend.counters
    return {
        "requests": counters.requests,
        "internal_errors": counters.internal_errors,
        "jobs": len(c.backend.jobs),
        "accounts": len(c.backend.accounts),
        "journal": len(c.backend.journal),
        "webhooks_pending": c.backend.outbox.pending(),
        "allocated_blocks": sys.getallocatedblocks(),  # Python heap objects: a leak shows here first
    }


def _webhooks(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    """One page of deliveries (`offset`, `limit`: every one by default): only the page's bodies are sealed
    again (an acknowledged delivery keeps how it was sealed, not its body: webhooks.py)."""
    job = r.query.get("job")
    outbox = c.backend.outbox
    ids = outbox.ids(str(job) if job else None)
    offset = _count(r, "offset", 0)
    limit = _count(r, "limit", len(ids))
    page = (outbox.get(delivery_id) for delivery_id in ids[offset : offset + limit])
    found = [outbox.describe(d) for d in page if d is not None]
    return {"count": len(ids), "offset": offset, "pending": outbox.pending(), "deliveries": found}


def _count(r: WireRequest, name: str, default: int) -> int:
    """A non-negative whole number from the query (a page's offset or size)."""
    text = r.query.get(name)
    if text is None:
        return default
    if not (isinstance(text, str) and text.isdigit() and len(text) < 10):
        raise ControlError(400, f"{name}: a whole number from 0 to 999999999, not {str(text)[:40]!r}")
    return int(text)


def _redeliver(c: Control, _r: WireRequest, p: dict[str, str]) -> Any:
    if c.backend.outbox.get(p["id"]) is None:
        raise ControlError(404, f"no delivery {p['id']}")
    outbox = c.backend.outbox
    return outbox.describe(outbox.redeliver(p["id"], c.backend.now()))


def _forward(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    return {"url": c.backend.outbox.forward_to}


def _set_forward(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    url = _body(r).get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise ControlError(400, "url must be an http:// or https:// URL, or null to stop forwarding")
    c.backend.outbox.forward_to = url
    return {"url": url}


def _webhook_modes(c: Control, r: WireRequest, p: dict[str, str]) -> Any:
    account = c.backend.account(p["client_id"])
    body = _body(r)
    if "delay_s" in body:
        body["delay_s"] = _number(body, "delay_s", 0, MAX_WEBHOOK_DELAY_S)
    return c.backend.outbox.set_modes(account.client_id, **body).as_dict()


def _webhook_policy(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    return c.backend.outbox.destinations.as_dict()


def _set_webhook_policy(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    """Replace the allowlist and/or allow the fake itself (destinations.py); bad entries change nothing."""
    body = _body(r)
    destinations = c.backend.outbox.destinations
    if "allowlist" in body:
        entries = body["allowlist"]
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise ControlError(400, "allowlist must be a list of strings: host, host:port or host:*")
        try:
            destinations.set_allowlist(entries)
        except ValueError as exc:
            raise ControlError(400, str(exc)) from None
    if "allow_self" in body:
        if not isinstance(body["allow_self"], bool):
            raise ControlError(400, "allow_self must be true or false")
        destinations.set_allow_self(body["allow_self"])
    return destinations.as_dict()


def _faults(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    faults = c.backend.faults
    return {"faults": [f.as_dict() for f in faults.rules], "rate_limits": faults.rate_limits}


def _add_fault(c: Control, r: WireRequest, _p: dict[str, str]) -> Any:
    body = _body(r)
    if body.get("operation") and body["operation"] not in c.backend.catalog:
        raise ControlError(400, f"unknown operation {body['operation']!r}")
    return c.backend.faults.add(body).as_dict()


def _clear_faults(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    c.backend.faults.clear()
    return {"faults": [], "rate_limits": {}}


def _rate_limit(c: Control, r: WireRequest, p: dict[str, str]) -> Any:
    account = c.backend.account(p["client_id"])
    body = _body(r)
    if body.get("per_second") is None:
        c.backend.faults.rate_limits.pop(account.client_id, None)
    else:
        c.backend.faults.rate_limits[account.client_id] = _number(body, "per_second", 0, MAX_RATE)
    return {"account": account.client_id, "per_second": c.backend.faults.rate_limits.get(account.client_id)}


def _health(c: Control, _r: WireRequest, _p: dict[str, str]) -> Any:
    from akool_mock import __version__

    return {"status": "ok", "version": __version__}


def _media(c: Control, _r: WireRequest, p: dict[str, str]) -> Any:
    return serve_media(c.backend, p["id"], p["ext"])


ROUTES: list[tuple[str, str, Route]] = [
    ("POST", "reset", _reset),
    ("GET", "clock", _clock),
    ("POST", "clock/advance", _advance_clock),
    ("POST", "clock/speed", _speed),
    ("GET", "jobs", _jobs),
    ("GET", "jobs/(?P<id>[^/]+)", _job),
    ("POST", "jobs/(?P<id>[^/]+)/complete", _complete),
    ("POST", "jobs/(?P<id>[^/]+)/fail", _fail),
    ("POST", "jobs/(?P<id>[^/]+)/advance", _advance_job),
    ("GET", "accounts", _accounts),
    ("POST", "accounts", _create_account),
    ("POST", "accounts/(?P<client_id>[^/]+)", _update_account),
    ("POST", "accounts/(?P<client_id>[^/]+)/webhook-modes", _webhook_modes),
    ("POST", "accounts/(?P<client_id>[^/]+)/rate-limit", _rate_limit),
    ("GET", "webhooks", _webhooks),
    ("GET", "webhooks/forward", _forward),
    ("POST", "webhooks/forward", _set_forward),
    ("POST", "webhooks/(?P<id>[^/]+)/redeliver", _redeliver),
    ("GET", "webhook-policy", _webhook_policy),
    ("POST", "webhook-policy", _set_webhook_policy),
    ("GET", "faults", _faults),
    ("POST", "faults", _add_fault),
    ("DELETE", "faults", _clear_faults),
    ("GET", "journal", _journal),
    ("GET", "stats", _stats),
    ("GET", "health", _health),
    ("GET", r"media/(?P<id>[0-9a-f]{24})\.(?P<ext>[a-z0-9]+)", _media),
]


# What each control call reads: any other body or query key is refused with a did-you-mean (spelling.py).
# Fault rules and webhook modes check their own keys (faults.KEYS, webhooks.Modes).
BODY_KEYS: dict[Route, frozenset[str]] = {
    _reset: frozenset(),
    _advance_clock: frozenset({"seconds"}),
    _speed: frozenset({"speed"}),
    _complete: frozenset(),
    _fail: frozenset({"reason"}),
    _advance_job: frozenset(),
    _create_account: frozenset({"client_id", "api_key", "credits", "banned", "plan"}),
    _update_account: frozenset({"credits", "banned", "plan"}),
    _rate_limit: frozenset({"per_second"}),
    _redeliver: frozenset(),
}
QUERY_KEYS: dict[Route, frozenset[str]] = {
    _jobs: frozenset({"account", "operation", "status"}),
    _webhooks: frozenset({"job", "offset", "limit"}),
    _journal: frozenset({"limit"}),
}


def check_keys(backend: Backend, route: Route, request: WireRequest) -> None:
    """Refuse keys the call does not read, and operation ids the catalog does not hold."""
    if route in QUERY_KEYS:
        check_names(request.query, QUERY_KEYS[route], "query parameter")
        operation = request.query.get("operation")
        if isinstance(operation, str):
            check_names([operation], [op.id for op in backend.catalog.operations], "operation")
    known = BODY_KEYS.get(route)
    if known is None or not request.body.strip():
        return
    check_names(_body(request), known, "key")  # read within limits: a hostile body is refused first
