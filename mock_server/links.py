"""OpenAPI links of the exported contract: which answer's id feeds which next request.

Schemathesis' stateful phase follows links to chain calls (create → poll, create → delete, session create →
detail → close, ...), so the fake is exercised with ids it really issued, not only with random ones. Two
sources:

- every job-creating operation links to its poll operation (the catalog names both the id's place in the
  answer, `job.id_path`, and in the poll, `poll.id_in`);
- the hand-written table below links what the catalog does not model: deletes, updates, sessions.

Each link names the target's parameter as `{location}.{name}` (OpenAPI's form for parameters) or, for a body
field, puts it in `requestBody` (Schemathesis merges it into the body it generates).
"""

from __future__ import annotations

from typing import Any

from akool_mock.schemas.catalog import Catalog, Operation

DATA_ID = "/data/_id"
FACESWAP_CREATES = ("faceswap.create_image", "faceswap.create_image_plus", "faceswap.create_image_pro",
                    "faceswap.create_video", "faceswap.reage_image", "faceswap.reage_video")  # fmt: skip
FACESWAP_AFTER = (("faceswap.delete_results", "body._ids"), ("faceswap.cancel_job", "body.job_ids"))
# (source operation, target operation, target field as "location.name", JSON pointer into the source answer)
TABLE: tuple[tuple[str, str, str, str], ...] = (
    *((source, target, field, DATA_ID) for source in FACESWAP_CREATES for target, field in FACESWAP_AFTER),
    ("image2video.create", "image2video.delete", "body._ids", DATA_ID),
    ("image2video.create", "image2video.update_audio", "body.pre_video_id", DATA_ID),
    ("images.create_by_prompt", "images.create_by_button", "body._id", DATA_ID),
    ("knowledge.create", "knowledge.get", "query.id", DATA_ID),
    ("knowledge.create", "knowledge.update", "body.id", DATA_ID),
    ("knowledge.create", "knowledge.delete", "body.id", DATA_ID),
    ("streaming.create_session", "streaming.get_session", "query.id", DATA_ID),
    ("streaming.create_session", "streaming.close_session", "body.id", DATA_ID),
    ("streaming.get_session", "streaming.close_session", "body.id", DATA_ID),
    ("live_faceswap.create_session", "live_faceswap.update_session", "body._id", DATA_ID),
    ("live_faceswap.create_session", "live_faceswap.close_session", "body._id", DATA_ID),
)


def _pointer(id_path: str) -> str:
    """`data.successList[*]._id` → `/data/successList/0/_id` (the first of a batch)."""
    return "/" + id_path.replace("[*]", ".0").replace(".", "/")


# Creates whose answer is an object or an array by what was sent (avatars.create: an array for a talking
# avatar upload, an object for a streaming one; schemas/NOTES.md, round two): no one pointer finds the id.
SHAPE_VARIES = frozenset({"avatars.create"})


def job_links(catalog: Catalog) -> list[tuple[str, str, str, str]]:
    """(create, poll, poll's id field, pointer to the id in the create's answer) for every job kind that is
    not deprecated (a deprecated one answers no id) and whose answer has one shape."""
    found = []
    for op in catalog.operations:
        if op.job is not None and op.id not in SHAPE_VARIES and "deprecated" not in op.raw:
            poll = catalog.operation(op.job.poll_operation)
            if poll.poll is not None:
                found.append((op.id, poll.id, poll.poll.id_in, _pointer(op.job.id_path)))
    return found


def all_links(catalog: Catalog) -> list[tuple[str, str, str, str]]:
    return [*job_links(catalog), *TABLE]


def _link(target: Operation, field: str, pointer: str) -> dict[str, Any]:
    location, _, name = field.partition(".")
    expression = f"$response.body#{pointer}"
    link: dict[str, Any] = {"operationId": target.id, "description": f"{name} from the answer's {pointer}"}
    if location == "body":
        link["requestBody"] = {name: expression}
    else:
        link["parameters"] = {f"{location}.{name}": expression}
    return link


def links_by_operation(catalog: Catalog) -> dict[str, dict[str, dict[str, Any]]]:
    """operationId -> {link name -> OpenAPI link object}, for the 200 answer of each source operation."""
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for source, target, field, pointer in all_links(catalog):
        name = target.replace(".", "_")
        table.setdefault(source, {})[name] = _link(catalog.operation(target), field, pointer)
    return table
