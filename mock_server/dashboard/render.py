"""The dashboard's HTML, built on the server from the Backend's own data (the control API's dicts).

Plain functions from data to escaped HTML strings: no template engine, no build step. `page` is the whole
document; `live` is the part the page refreshes every second (jobs, the selected job's timeline, accounts,
journal, clock), so a reload and a refresh show the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import urlencode

STATUS_NAMES = {1: "queued", 2: "processing", 3: "completed", 4: "failed"}
JOURNAL_ROWS = 50


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def when(ms: int | None) -> str:
    if ms is None:
        return "-"
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")


def status_badge(status: int) -> str:
    name = STATUS_NAMES.get(status, str(status))
    return f'<span class="badge s{status}" data-status="{status}">{status} {e(name)}</span>'


def link(filters: dict[str, str], **changes: str | None) -> str:
    query = {k: v for k, v in {**filters, **changes}.items() if v}
    return "/_mock/ui" + (f"?{urlencode(query)}" if query else "")


def button(label: str, post: str, key: str, extra: str = "") -> str:
    return f'<button type="button" data-post="{e(post)}" id="{e(key)}"{extra}>{e(label)}</button>'


def options(
    name: str, values: Iterable[str], chosen: str | None, labels: dict[str, str] | None = None
) -> str:
    items = [f'<option value="">any {e(name)}</option>']
    for value in values:
        selected = " selected" if value == chosen else ""
        items.append(f'<option value="{e(value)}"{selected}>{e((labels or {}).get(value, value))}</option>')
    return "".join(items)


def filter_form(filters: dict[str, str], operations: list[str], accounts: list[str]) -> str:
    labels = {str(k): f"{k} {v}" for k, v in STATUS_NAMES.items()}
    selects = [
        ("Status", "status", options("status", labels, filters.get("status"), labels)),
        ("Operation", "operation", options("operation", operations, filters.get("operation"))),
        ("Account", "account", options("account", accounts, filters.get("account"))),
    ]
    fields = "".join(
        f'<label>{label} <select name="{name}">{choices}</select></label>' for label, name, choices in selects
    )
    return (
        '<form class="filters" method="get" action="/_mock/ui" aria-label="Filter jobs">'
        f'{fields}<button type="submit">Filter</button></form>'
    )


def job_rows(jobs: list[dict[str, Any]], filters: dict[str, str]) -> str:
    if not jobs:
        return (
            '<p class="empty">No jobs yet. Create one through the API, or run '
            "<code>akool-mock trigger</code>.</p>"
        )
    rows = []
    for job in reversed(jobs):
        actions = ""
        if job["status"] in (1, 2):
            jid = job["id"]
            actions = button("Complete", f"/_mock/jobs/{jid}/complete", f"complete-{jid}")
            actions += button("Fail", f"/_mock/jobs/{jid}/fail", f"fail-{jid}", ' class="danger"')
        selected = ' class="selected"' if filters.get("job") == job["id"] else ""
        rows.append(
            f'<tr data-job="{e(job["id"])}"{selected}>'
            f'<td><a href="{e(link(filters, job=job["id"]))}" class="mono">{e(job["id"])}</a></td>'
            f"<td>{status_badge(job['status'])}</td><td>{e(job['operation'])}</td>"
            f'<td class="wide">{e(job["account"])}</td><td class="wide">{when(job["updated_at"])}</td>'
            f'<td class="actions">{actions}</td></tr>'
        )
    return (
        '<div class="scroll"><table id="jobs-table"><thead><tr><th>Job</th><th>Status</th>'
        '<th>Operation</th><th class="wide">Account</th><th class="wide">Updated</th><th>Actions</th>'
        "</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def pretty(value: Any) -> str:
    return e(json.dumps(value, indent=2, ensure_ascii=False))


def delivery_block(delivery: dict[str, Any]) -> str:
    attempts = "".join(
        f'<li>{when(a["at"])}: <span class="{"ok" if a["http_status"] == 200 else "bad"}">'
        f"{e('HTTP ' + str(a['http_status']) if a['http_status'] is not None else a['error'])}</span>"
        f"{' → ' + e(a['url']) if a.get('url') and a['url'] != delivery['url'] else ''}</li>"
        for a in delivery["attempts"]
    )
    retry = (
        f"<p>Next retry at {when(delivery['next_attempt_at'])}</p>" if delivery.get("next_attempt_at") else ""
    )
    key = delivery["id"]
    payload = pretty(delivery["payload"])
    raw = pretty(delivery.get("body"))
    redeliver = button("Redeliver", f"/_mock/webhooks/{key}/redeliver", f"redeliver-{key}")
    return (
        f'<div class="delivery" data-delivery="{e(key)}"><h4>Webhook {e(key)} · status '
        f'{e(delivery["payload"].get("status"))} · <span class="state">{e(delivery["state"])}</span></h4>'
        f'<p class="mono">{e(delivery["url"])}</p>'
        f'<ol class="attempts">{attempts or "<li>not sent yet</li>"}</ol>{retry}'
        f'<details id="payload-{e(key)}"><summary>Decrypted payload</summary><pre>{payload}</pre></details>'
        f'<details id="raw-{e(key)}"><summary>Raw body (as sent)</summary><pre>{raw}</pre></details>'
        f"{redeliver}</div>"
    )


def timeline(job: dict[str, Any], deliveries: list[dict[str, Any]]) -> str:
    events: list[tuple[int, int, str]] = [
        (h["at"], 0, f"<li>{when(h['at'])}: status {status_badge(h['status'])}</li>") for h in job["history"]
    ]
    for delivery in deliveries:
        for attempt in delivery["attempts"]:
            outcome = "delivered" if attempt["http_status"] == 200 else "failed"
            events.append(
                (
                    attempt["at"],
                    1,
                    f"<li>{when(attempt['at'])}: webhook {e(delivery['id'])} (status "
                    f"{e(delivery['payload'].get('status'))}) {outcome}</li>",
                )
            )
    events.sort(key=lambda item: (item[0], item[1]))
    failure = f"<p>Failure reason: {e(job['failure_reason'])}</p>" if job.get("failure_reason") else ""
    return (
        f'<section id="job-detail" aria-labelledby="job-title"><h2 id="job-title">Job '
        f'<span class="mono">{e(job["id"])}</span> {status_badge(job["status"])}</h2>'
        f"<p>{e(job['operation'])} · account {e(job['account'])} · policy {e(job['policy'])} · "
        f"webhook {e(job['webhook_url'] or 'none')}</p>{failure}"
        f'<h3>Timeline</h3><ol class="timeline">{"".join(item[2] for item in events)}</ol>'
        f"<h3>Webhooks</h3>{''.join(delivery_block(d) for d in deliveries) or '<p>No webhooks.</p>'}"
        "</section>"
    )


def accounts_table(accounts: list[dict[str, Any]]) -> str:
    rows = "".join(
        f'<tr><td class="mono">{e(a["client_id"])}</td><td>{a["credits"]:g}</td><td>{a["charged"]:g}</td>'
        f"<td>{'banned' if a['banned'] else 'active'}</td></tr>"
        for a in accounts
    )
    return (
        '<div class="scroll"><table id="accounts-table"><thead><tr><th>clientId</th><th>Credits</th>'
        f"<th>Charged</th><th>State</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def journal_table(entries: list[dict[str, Any]]) -> str:
    rows = "".join(
        f'<tr class="{"ok" if en["code"] == 1000 else "bad"}"><td class="wide">{when(en["at"])}</td>'
        f'<td class="mono">{e(en["method"])} {e(en["path"])}</td><td>{e(en["operation"] or "-")}</td>'
        f'<td class="wide">{e(en["account"] or "-")}</td><td>{en["code"]}</td><td>{en["http_status"]}</td>'
        f'<td class="wide">{en["latency_ms"]:.2f} ms</td><td>{e(en.get("message") or "")}</td></tr>'
        for en in reversed(entries[-JOURNAL_ROWS:])
    )
    return (
        '<div class="scroll"><table id="journal-table"><thead><tr><th class="wide">Time</th>'
        '<th>Request</th><th>Operation</th><th class="wide">Account</th><th>Code</th><th>HTTP</th>'
        f'<th class="wide">Latency</th><th>Message</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def clock_panel(clock: dict[str, Any]) -> str:
    speed = f" ×{clock['speed']:g}" if clock["kind"] != "manual" else ""
    return (
        f'<p id="clock-now" data-now="{clock["now_ms"]}">Clock: <strong>{when(clock["now_ms"])}</strong> '
        f"({e(clock['kind'])}{speed})</p>"
    )


def live(view: dict[str, Any]) -> str:
    """The refreshed part of the page: clock, jobs, the selected job, accounts and the journal."""
    filters: dict[str, str] = view["filters"]
    detail = timeline(view["job"], view["deliveries"]) if view.get("job") else ""
    jobs = section("jobs", f"Jobs ({len(view['jobs'])})", job_rows(view["jobs"], filters))
    accounts = section("accounts", "Accounts and credits", accounts_table(view["accounts"]))
    journal = section("journal", f"Journal (last {JOURNAL_ROWS})", journal_table(view["journal"]))
    return f'<div id="clock">{clock_panel(view["clock"])}</div>{jobs}{detail}{accounts}{journal}'


def section(key: str, title: str, body: str) -> str:
    heading = f'<h2 id="{key}-title">{e(title)}</h2>'
    return f'<section id="{key}" aria-labelledby="{key}-title">{heading}{body}</section>'


def page(view: dict[str, Any], version: str) -> str:
    filters: dict[str, str] = view["filters"]
    panels = "/_mock/ui/panels" + link(filters)[len("/_mock/ui") :]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>akool-mock dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/_mock/ui/static/dashboard.css">
<script src="/_mock/ui/static/dashboard.js" defer></script></head>
<body><a class="skip" href="#jobs">Skip to jobs</a>
<header><h1>akool-mock <small>{e(version)}</small></h1>
<form id="advance" data-post-form="/_mock/clock/advance" aria-label="Advance the clock">
<label>Advance clock by
<input name="seconds" type="number" min="0" step="any" value="60" inputmode="decimal"> s</label>
<button type="submit">Advance</button></form>
<button type="button" id="reset" data-post="/_mock/reset" class="danger"
 data-confirm="Forget every job, delivery and account change?">Reset</button>
<span id="live-state" class="live" aria-live="off">live</span></header>
<p id="flash" role="status" aria-live="polite"></p>
<main>{filter_form(filters, view["operations"], view["account_ids"])}
<div id="live" data-src="{e(panels)}">{live(view)}</div></main>
</body></html>"""
