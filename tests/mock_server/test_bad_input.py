"""The bad-input corpus: every operation, every field, hostile values. Never a 500, always Akool's envelope.

For each operation with a body, each string field gets unicode, emptiness, huge text; each number field gets
negative, huge, fractional and non-finite-looking values; each id a value of the wrong shape. The answer must
be HTTP 200 (or 413 for size), never the fake's own 1500, and a 1003 must name the field it is about. After
the whole sweep the fake still serves.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from akool_mock.mock_server.settings import DEFAULT_API_KEY
from akool_mock.schemas import Operation, load_catalog
from tests.mock_server.conftest import Fake, make_fake
from tests.support.scenarios import doc_example, valid_body
from tests.support.targets import PipelineApi

CATALOG = load_catalog()
STRINGS = ["", " ", "é漢字🙂", "\u202eRTL", "\\u0000 escaped nul", "x" * 20_000, "<script>", "' OR 1=1 --"]
NUMBERS: list[Any] = [-1, 0, 10**20, -(10**20), 1.5, 1e308, True, "12"]
BAD_IDS = ["", "x", "../../etc/passwd", "%00", "0" * 24, "f" * 24, "a" * 1000, "漢字", "a,b,,c", " , "]
NOT_FOUND_CODES = {1003, 1008, 1014, 1216, 1232}
# Operations whose docs show no request body that validates.
HAND_MADE = {"faceswap.delete_results": {"_ids": "0" * 24}, "faceswap.cancel_job": {"job_ids": "0" * 24}}


def leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    copy = json.loads(json.dumps(value))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return copy


def body_operations() -> list[Operation]:
    return [op for op in CATALOG.operations if "body" in op.request_schema.get("properties", {})]


def base_body(fake: Fake, op: Operation) -> dict[str, Any] | None:
    api = PipelineApi(fake)
    if op.kind == "job_create":
        return valid_body(api, op)
    return HAND_MADE.get(op.id) or doc_example(op)


def check(fake: Fake, op: Operation, body: Any, field: str) -> None:
    answer = fake.request(op.method, op.path.replace("{_id}", "0" * 24), body=body)
    assert answer.status in (200, 413), (op.id, field, answer.status)
    code = answer.body.get("code", answer.body.get("error_code"))
    assert code != 1500, (op.id, field, answer.body)
    if code == 1003 and "msg" in answer.body:
        assert field in answer.body["msg"] or "body" in answer.body["msg"], (op.id, field, answer.body["msg"])


@pytest.mark.parametrize("op", body_operations(), ids=lambda op: op.id)
def test_hostile_values_in_every_field(op: Operation) -> None:
    fake = make_fake()
    body = base_body(fake, op)
    assert body is not None, f"{op.id}: no valid request to start from: add one to HAND_MADE"
    for path, value in list(leaves(body)):
        field = str(next((p for p in reversed(path) if isinstance(p, str)), ""))
        hostile = STRINGS if isinstance(value, str) else NUMBERS if isinstance(value, int | float) else [None]
        for new in hostile:
            check(fake, op, replaced(body, path, new), field)
    assert fake.get("/api/open/v3/faceswap/quota/info")["code"] == 1000


@pytest.mark.parametrize(
    "op", [op for op in CATALOG.operations if op.kind == "job_poll"], ids=lambda op: op.id
)
def test_ids_of_the_wrong_shape(fake: Fake, op: Operation) -> None:
    assert op.poll is not None
    location, _, name = op.poll.id_in.partition(".")
    for bad in BAD_IDS:
        if location == "path":
            if not bad or "/" in bad:
                continue
            answer = fake.request(op.method, op.path.replace("{" + name + "}", bad))
        elif location == "query":
            answer = fake.request(op.method, op.path, query={name: bad})
        else:
            answer = fake.request(op.method, op.path, body={name: bad})
        assert answer.status == 200, (op.id, bad, answer.status)
        code = answer.body["code"]
        assert code == 1000 or code in NOT_FOUND_CODES, (op.id, bad, answer.body)


@pytest.mark.parametrize("cut", [1, 5, 20, 60, -1])
def test_truncated_bodies(fake: Fake, cut: int) -> None:
    body = json.dumps({"sourceImage": [{"path": "https://e.com/a.png", "opts": "1,1:2,2:3,3:4,4"}]}).encode()
    answer = fake.request(
        "POST",
        "/api/open/v3/faceswap/highquality/specifyimage",
        raw=body[:cut],
        headers={"x-api-key": DEFAULT_API_KEY, "content-type": "application/json"},
    )
    assert answer.body["code"] == 1003
    assert "not valid JSON" in answer.body["msg"]


@pytest.mark.parametrize("image", ["!!!not base64!!!", "data:image/png;base64,AAAA", "aGVsbG8=", "=" * 10])
def test_invalid_base64_images_answer_in_the_detect_envelope(fake: Fake, image: str) -> None:
    answer = fake.request("POST", "/interface/detect-api/detect_faces", body={"img": image})
    assert answer.status == 200
    assert answer.body["error_code"] != 0
    assert answer.body["error_msg"]
    legacy = fake.request("POST", "/detect", body={"single_face": True, "img": image})
    assert legacy.body["error_code"] != 0


@pytest.mark.parametrize(
    "query",
    [{"page": "-1"}, {"page": "99999999999999999999"}, {"page": "1.5"}, {"size": "0"}, {"size": "abc"}],
)
def test_bad_paging_is_a_1003_naming_the_parameter(fake: Fake, query: dict[str, str]) -> None:
    answer = fake.request("GET", "/api/open/v4/knowledge/list", query=query)
    assert answer.body["code"] == 1003
    assert next(iter(query)) in answer.body["msg"]


def test_empty_body_names_the_required_fields(fake: Fake) -> None:
    answer = fake.request("POST", "/api/open/v3/faceswap/highquality/specifyimage", raw=b"")
    assert answer.body["code"] == 1003
    assert "sourceImage: required" in answer.body["msg"]
