"""Knowledge bases (pages/ai-tools-suite__knowledge-base.md): create, list, read, update, delete.

A knowledge base is a Backend resource of kind "knowledge" owned by one account; the docs scope names and
visibility to "the same user" in "their team", and the fake has one user per account and one team per
account, so another account's id answers 1232 like an id that never existed. streaming.create_session reads
these resources when it gets a `knowledge_id`.
"""

from __future__ import annotations

import copy
from typing import Any

from akool_mock.mock_server.errors import AlreadyExists, NotFound, ValidationFailed
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import ok, paged
from akool_mock.mock_server.state import Account, Resource

KIND = "knowledge"
NOT_FOUND = 1232  # "Knowledge not found" (knowledge page, Error Codes)
EXISTS = 1233  # "Knowledge already exists"
# File Constraints: "Total files size limit: 500MB (524,288,000 bytes)"; the per-file limit is in the schema.
TOTAL_DOCS_BYTES = 524_288_000
USER_TYPE_EXTERNAL = 2  # Data Model: user_type 1 internal, 2 external (an API caller)
FROM_USER = 2  # Data Model: from 1 system, 2 user; the list's `from` filter defaults to 2
EDITABLE = ("name", "prologue", "prompt", "docs", "urls")


def find(call: Call, knowledge_id: str, *, field: str = "id") -> Resource:
    """The caller's knowledge base, or 1232 (also for another account's id: its team is not the caller's)."""
    try:
        return call.backend.find_resource(call.owner, KIND, knowledge_id, NOT_FOUND)
    except NotFound:
        raise NotFound(f"{field}: knowledge base {knowledge_id} not found", code=NOT_FOUND) from None


def _team_id(account: Account) -> str:
    # The fake gives every account a team of its own; shaped like the page's "team_123456".
    return f"team_{account.uid}"


def _check_docs(body: dict[str, Any]) -> None:
    """The 500 MB total of File Constraints: JSON Schema cannot sum an array, so it is checked here (1003)."""
    docs = body.get("docs") or []
    total = sum(int(doc.get("size") or 0) for doc in docs)
    if total > TOTAL_DOCS_BYTES:
        raise ValidationFailed(
            f"docs: total size {total} bytes exceeds the {TOTAL_DOCS_BYTES} bytes (500 MB) limit of all files"
        )


def _check_name(call: Call, name: str, *, except_id: str | None = None) -> None:
    """Names are unique per user in a team (page footnote); unnamed bases never clash."""
    if not name:
        return
    for resource in call.backend.owned_resources(call.owner, KIND):
        if resource.id != except_id and resource.data.get("name") == name:
            raise AlreadyExists(f"name: a knowledge base named {name!r} already exists", code=EXISTS)


def view(resource: Resource) -> dict[str, Any]:
    """The Knowledge Base Object of the Data Model, every field present (#knowledge-object-fields)."""
    return {"_id": resource.id, **resource.data}


def create(call: Call) -> Reply:
    body = call.body
    _check_docs(body)
    name = str(body.get("name") or "")
    _check_name(call, name)
    account = call.owner
    now_ms = call.backend.now_ms()
    data: dict[str, Any] = {
        "team_id": _team_id(account),
        "uid": account.uid,
        "user_type": USER_TYPE_EXTERNAL,
        "from": FROM_USER,
        "name": name,
        "prologue": str(body.get("prologue") or ""),
        "prompt": str(body.get("prompt") or ""),
        "docs": copy.deepcopy(body.get("docs") or []),
        "urls": list(body.get("urls") or []),
        "create_time": now_ms,
        "update_time": now_ms,
    }
    return ok(view(call.backend.add_resource(KIND, account, data)))


def _listed(call: Call) -> list[Resource]:
    """Newest first (page footnote); `name` matches case-insensitively as a substring, `from` exactly."""
    wanted_name = str(call.query.get("name") or "").casefold()
    wanted_from = int(call.query.get("from") or FROM_USER)
    found = [
        resource
        for resource in call.backend.owned_resources(call.owner, KIND)
        if resource.data.get("from") == wanted_from
        and wanted_name in str(resource.data.get("name", "")).casefold()
    ]
    # Insertion order breaks ties between bases made in the same millisecond: the later one is newer.
    order = {resource.id: index for index, resource in enumerate(found)}
    found.sort(key=lambda r: (r.data["create_time"], order[r.id]), reverse=True)
    return found


def list_bases(call: Call) -> Reply:
    # The page's "paginated list" answers a bare array with no count (#knowledge-list-shape).
    return ok([view(resource) for resource in paged(call, _listed(call), default_size=10)])


def get(call: Call) -> Reply:
    return ok(view(find(call, str(call.query["id"]))))


def update(call: Call) -> Reply:
    """Given fields replace the stored ones; `prologue: ""` clears it (Data Model)."""
    body = call.body
    resource = find(call, str(body["id"]))
    _check_docs(body)
    if "name" in body:
        _check_name(call, str(body["name"]), except_id=resource.id)
    for field in EDITABLE:
        if field in body:
            resource.data[field] = copy.deepcopy(body[field])
    resource.data["update_time"] = call.backend.now_ms()
    return ok(view(resource))


def delete(call: Call) -> Reply:
    """The page's answer is `{"code": 1000, "msg": "OK"}` with no data (#knowledge-delete)."""
    resource = find(call, str(call.body["id"]))
    resource.deleted = True
    return Reply(raw={"code": 1000, "msg": "OK"})


HANDLERS: dict[str, Handler] = {
    "knowledge.list": list_bases,
    "knowledge.create": create,
    "knowledge.get": get,
    "knowledge.update": update,
    "knowledge.delete": delete,
}
