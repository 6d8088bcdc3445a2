"""The OpenAPI links chain real calls: each source's answer holds the id at the link's pointer, and the
target declares the field the link fills."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.links import SHAPE_VARIES, all_links, links_by_operation
from akool_mock.mock_server.openapi import build_openapi
from akool_mock.schemas import load_catalog
from tests.mock_server.conftest import Fake, make_fake
from tests.support.scenarios import doc_example, valid_body
from tests.support.targets import PipelineApi

CATALOG = load_catalog()
LINKS = all_links(CATALOG)


def declared(op_id: str, field: str) -> bool:
    location, _, name = field.partition(".")
    op = CATALOG.operation(op_id)
    part = op.request_schema.get("properties", {}).get(location, {})
    if "$ref" in part:
        part = CATALOG.store.registry.resolver(base_uri=op.request_schema_id).lookup(part["$ref"]).contents
    return name in part.get("properties", {})


def at(document: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def test_every_job_kind_links_to_its_poll_and_the_table_adds_the_rest() -> None:
    unlinked = {op.id for op in CATALOG.operations if "deprecated" in op.raw} | SHAPE_VARIES
    creates = {op.id for op in CATALOG.operations if op.job is not None} - unlinked
    polls = {(source, target) for source, target, _field, _pointer in LINKS}
    assert not any(source in unlinked for source, _target in polls)
    assert all(any(source == create for source, _target in polls) for create in creates)
    assert ("streaming.create_session", "streaming.get_session") in polls
    assert ("knowledge.create", "knowledge.delete") in polls
    assert len(LINKS) >= 40


def answer_of(fake: Fake, source: str) -> Any:
    """The source operation's answer to a valid request."""
    op = CATALOG.operation(source)
    if source == "streaming.get_session":  # a detail needs a session first
        session = answer_of(fake, "streaming.create_session")["data"]["_id"]
        return fake.request(op.method, op.path, query={"id": session}).body
    body = valid_body(PipelineApi(fake), op) if op.kind == "job_create" else doc_example(op)
    if source == "streaming.create_session":
        assert body is not None
        body.pop("knowledge_id", None)  # the docs' example names a knowledge base this fake does not hold
    return fake.request(op.method, op.path, body=body).body


@pytest.mark.parametrize(("source", "target", "field", "pointer"), LINKS, ids=str)
def test_a_link_carries_an_issued_id_to_a_declared_field(
    source: str, target: str, field: str, pointer: str
) -> None:
    assert declared(target, field), f"{target} declares no {field}"
    answer = answer_of(make_fake(), source)
    assert answer["code"] == 1000, answer
    issued = at(answer, pointer)
    assert isinstance(issued, str)
    assert len(issued) == 24


def test_the_export_carries_the_links_where_schemathesis_reads_them() -> None:
    document = build_openapi()
    found = {}
    for methods in document["paths"].values():
        for spec in methods.values():
            for name, link in spec["responses"]["200"].get("links", {}).items():
                found[(spec["operationId"], name)] = link
    expected = links_by_operation(CATALOG)
    assert len(found) == sum(len(links) for links in expected.values())
    poll = found[("faceswap.create_image", "faceswap_list_results")]
    assert poll == {"operationId": "faceswap.list_results", "description": "_ids from the answer's /data/_id",
                    "parameters": {"query._ids": "$response.body#/data/_id"}}  # fmt: skip
