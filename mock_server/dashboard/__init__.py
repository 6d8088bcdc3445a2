"""The dashboard at `/_mock/ui`: server-rendered pages over the same Backend as the control API.

    GET /_mock/ui[?status=&operation=&account=&job=]   the page (jobs, a job's timeline, accounts, journal)
    GET /_mock/ui/panels[?same]                          the live part only (the page's script polls it)
    GET /_mock/ui/static/dashboard.css|.js               shipped in the package: no CDN, no build step
    GET /_mock/ui?token=T                                 with a control token: remember it in a cookie

Actions on the page are the control API's own calls (complete, fail, redeliver, advance, reset), sent by the
page's small script with the same credentials. Like every control route these need the control token when
one is set; a browser cannot send the header, so the token given once in the URL is kept in an HttpOnly,
SameSite=Strict cookie scoped to /_mock/ (control.py accepts either).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from akool_mock.mock_server.dashboard.render import live, page
from akool_mock.mock_server.wire import WireRequest, WireResponse

if TYPE_CHECKING:
    from akool_mock.mock_server.control import Control

HTML = "text/html; charset=utf-8"
COOKIE = "akool_mock_token"
STATIC = {"dashboard.css": "text/css; charset=utf-8", "dashboard.js": "text/javascript; charset=utf-8"}
FILTERS = ("status", "operation", "account", "job")
# Everything comes from this origin (no CDN), and no other site may frame the page (its buttons act).
PAGE_HEADERS = {
    "cache-control": "no-store",
    "content-security-policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
}


def _filters(request: WireRequest) -> dict[str, str]:
    return {name: str(request.query[name]) for name in FILTERS if request.query.get(name)}


def view(control: Control, filters: dict[str, str]) -> dict[str, Any]:
    """Everything the page shows, as the control API shows it (same dicts, same Backend)."""
    from akool_mock.mock_server.control import account_dict, job_dict

    backend = control.backend
    backend.tick()
    jobs = [
        job_dict(job)
        for job in backend.jobs
        if filters.get("account") in (None, job.owner)
        and filters.get("operation") in (None, job.op_id)
        and filters.get("status") in (None, str(job.status))
    ]
    chosen = backend.jobs.get(filters["job"]) if filters.get("job") else None
    clock = backend.clock
    return {
        "filters": filters,
        "jobs": jobs,
        "job": job_dict(chosen) if chosen else None,
        "deliveries": [backend.outbox.describe(d) for d in backend.outbox.for_job(chosen.id)]
        if chosen
        else [],
        "accounts": [account_dict(a) for a in backend.accounts.values()],
        "account_ids": list(backend.accounts),
        "operations": sorted({op.id for op in backend.catalog.operations if op.job is not None}),
        "journal": [entry.as_dict() for entry in list(backend.journal)[-50:]],
        "clock": {"now_ms": backend.now_ms(), "kind": getattr(clock, "kind", "custom"), "speed": clock.speed},
    }


def _page(control: Control, request: WireRequest, _p: dict[str, str]) -> WireResponse:
    token = request.query.get("token")
    if token:
        # Keep the token in a cookie and drop it from the address bar (and from the history).
        query = urlencode(_filters(request))
        location = "/_mock/ui" + (f"?{query}" if query else "")
        cookie = f"{COOKIE}={token}; Path=/_mock/; HttpOnly; SameSite=Strict"
        return WireResponse(303, b"", HTML, {"location": location, "set-cookie": cookie})
    from akool_mock import __version__

    html = page(view(control, _filters(request)), __version__)
    return WireResponse(200, html.encode(), HTML, dict(PAGE_HEADERS))


def _panels(control: Control, request: WireRequest, _p: dict[str, str]) -> WireResponse:
    return WireResponse(200, live(view(control, _filters(request))).encode(), HTML, dict(PAGE_HEADERS))


def _static(_control: Control, _request: WireRequest, p: dict[str, str]) -> WireResponse:
    name = p["name"]
    if name not in STATIC:
        return WireResponse(404, b"not found", "text/plain")
    data = resources.files(__name__).joinpath("static", name).read_bytes()
    return WireResponse(200, data, STATIC[name], {"cache-control": "no-cache"})


def _home(_control: Control, _request: WireRequest, _p: dict[str, str]) -> WireResponse:
    return WireResponse(307, b"", HTML, {"location": "/_mock/ui"})


DashboardRoute = Callable[["Control", WireRequest, dict[str, str]], WireResponse]
ROUTES: list[tuple[str, str, DashboardRoute]] = [
    ("GET", "", _home),
    ("GET", "ui", _page),
    ("GET", "ui/panels", _panels),
    ("GET", r"ui/static/(?P<name>[a-z]+\.(?:css|js))", _static),
]
