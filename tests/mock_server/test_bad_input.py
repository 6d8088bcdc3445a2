"""The bad-input corpus: every operation, every field, hostile values. Never a 500, always Akool's envelope.

For each operation with a body, each string field gets unicode, emptiness, huge text; each number field gets
negative, huge, fractional and non-finite-looking values; each id a value of the wrong shape. The answer must
be HTTP 200 (or 413 for size), never the fake's own 1500, and a 1003 must name the field it is about. After
the whole sweep the fake still serves.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.control import ROUTES
from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID
from akool_mock.schemas import Operation, load_catalog
from tests.mock_server.conftest import Fake, make_fake
from tests.support.hostile_json import hostile_json
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


# ----- hostile bodies: limits of size, depth and numbers (ARCHITECTURE.md "Request bounds") -----------------
HOSTILE_BODIES = [
    (b'{"n": NaN}', "NaN is not a JSON number"),
    (b'{"n": Infinity}', "Infinity is not a JSON number"),
    (b'{"n": -Infinity}', "-Infinity is not a JSON number"),
    (b'{"n": 1e400}', "the number 1e400 is out of range"),
    (b'{"n": ' + b"1" * 100_001 + b"}", "an integer of 100001 digits is out of range"),
    (b'{"n": -9223372036854775809}', "is out of range (64-bit integers only)"),
    (b'{"n": 0.' + b"5" * 200 + b"}", "a number written with 202 characters is too long"),
    (b"[" * 100_000 + b"]" * 100_000, "nests deeper than 64 levels"),
    (b'{"a":' * 100 + b"1" + b"}" * 100, "nests deeper than 64 levels"),
    (b'{"n": [' + b",".join([b'{"path": 1}'] * 5000) + b"]}", "more than 2000 values"),
    (b"{" + b",".join(b'"k%d": 0' % n for n in range(3000)) + b"}", "more than 2000 values"),
]


def message_of(answer_body: dict[str, Any]) -> str:
    for key in ("msg", "error_msg", "error"):  # Akool's envelope, the detect APIs', analyze-frames'
        if key in answer_body:
            return str(answer_body[key])
    return ""


@pytest.mark.parametrize("op", body_operations(), ids=lambda op: op.id)
def test_hostile_bodies_get_a_1003_naming_the_problem(op: Operation) -> None:
    fake = make_fake()
    headers = {"x-api-key": DEFAULT_API_KEY, "content-type": "application/json"}
    for raw, fragment in HOSTILE_BODIES:
        answer = fake.request(op.method, op.path.replace("{_id}", "0" * 24), raw=raw, headers=headers)
        assert answer.status == 200, (op.id, fragment, answer.status)
        if "code" in answer.body:  # Akool's envelope; the detect APIs answer in their own (error_code != 0)
            assert answer.body["code"] == 1003, (op.id, fragment, answer.body)
        else:
            assert answer.body.get("error_code", 1) not in (0, 1500), (op.id, fragment, answer.body)
        assert fragment in message_of(answer.body), (op.id, fragment, answer.body)
    assert fake.backend.counters.internal_errors == 0


def test_a_long_array_of_invalid_items_lists_the_first_few() -> None:
    fake = make_fake()
    items = [{"path": n} for n in range(450)]
    body = {"sourceImage": items, "targetImage": items, "modifyImage": "https://e.com/a.png"}
    answer = fake.request("POST", "/api/open/v3/faceswap/highquality/specifyimage", body=body)
    assert answer.body["code"] == 1003
    assert answer.body["msg"].startswith("sourceImage[0].path: must be of type string; sourceImage[1].path")
    assert answer.body["msg"].endswith("; and more")


@pytest.mark.parametrize("page", ["9" * 100_001, "1e400", "-1e999", "NaN", "Infinity"])
def test_hostile_numbers_in_a_query_name_the_parameter(fake: Fake, page: str) -> None:
    answer = fake.request("GET", "/api/open/v4/knowledge/list", query={"page": page})
    assert answer.body["code"] == 1003
    assert "page" in answer.body["msg"]


def control_paths() -> list[tuple[str, str]]:
    """Every control route with its parameters filled in (a job id that does not exist, the default
    account)."""
    fill = {"(?P<id>[^/]+)": "0" * 24, "(?P<client_id>[^/]+)": DEFAULT_CLIENT_ID}
    paths = []
    for method, pattern, _route in ROUTES:
        path = pattern
        for group, value in fill.items():
            path = path.replace(group, value)
        if "(?P" not in path:
            paths.append((method, "/_mock/" + path))
    return paths


CONTROL = control_paths()
CONTROL_BODY_FRAGMENTS = [
    (raw, fragment) for raw, fragment in HOSTILE_BODIES if b"[" * 1000 in raw or b"1" * 1000 in raw
] + [(b'{"seconds": NaN}', "NaN is not a JSON number"), (b'{"credits": 1e400}', "out of range")]


@pytest.mark.parametrize(("method", "path"), CONTROL, ids=str)
def test_control_endpoints_refuse_hostile_bodies_with_their_own_error(method: str, path: str) -> None:
    fake = make_fake()
    for raw, fragment in CONTROL_BODY_FRAGMENTS:
        answer = fake.request(method, path, raw=raw, headers={"content-type": "application/json"})
        assert answer.status < 500, (method, path, fragment, answer.body)
        if method == "POST" and answer.status == 400:
            assert fragment in answer.body["error"], (path, answer.body)
    assert fake.backend.counters.internal_errors == 0


@pytest.mark.parametrize(
    ("path", "body", "fragment"),
    [
        ("/_mock/clock/advance", b'{"seconds": 1e308}', "seconds must be between 0 and"),
        ("/_mock/clock/advance", b'{"seconds": Infinity}', "Infinity is not a JSON number"),
        ("/_mock/clock/advance", b'{"seconds": NaN}', "NaN is not a JSON number"),
        ("/_mock/clock/advance", b'{"seconds": 1e400}', "out of range"),
        ("/_mock/clock/advance", b'{"seconds": -1}', "seconds must be between 0 and"),
        ("/_mock/clock/speed", b'{"speed": 1e300}', "speed must be between"),
        ("/_mock/clock/speed", b'{"speed": 0}', "speed must be between"),
        ("/_mock/accounts", b'{"credits": 1e300}', "credits must be between"),
        (f"/_mock/accounts/{DEFAULT_CLIENT_ID}", b'{"credits": -1e300}', "credits must be between"),
        (f"/_mock/accounts/{DEFAULT_CLIENT_ID}/rate-limit", b'{"per_second": 1e300}', "per_second must be"),
        (f"/_mock/accounts/{DEFAULT_CLIENT_ID}/webhook-modes", b'{"delay_s": 1e300}', "delay_s must be"),
    ],
)
def test_control_numbers_out_of_range_are_a_400_and_change_nothing(
    path: str, body: bytes, fragment: str
) -> None:
    fake = make_fake()
    now = fake.backend.now()
    answer = fake.request("POST", path, raw=body, headers={"content-type": "application/json"})
    assert answer.status == 400
    assert fragment in answer.body["error"]
    assert fake.backend.now() == now
    assert all(math.isfinite(account.credits) for account in fake.backend.accounts.values())
    assert fake.get("/api/open/v3/faceswap/quota/info")["code"] == 1000


def test_the_clock_advances_up_to_the_year_9999_and_no_further() -> None:
    fake = make_fake()
    left = 253_402_300_799.0 - fake.backend.now()
    assert fake.request("POST", "/_mock/clock/advance", body={"seconds": left}).status == 200
    assert fake.request("POST", "/_mock/clock/advance", body={"seconds": 1}).status == 400
    assert fake.get("/api/open/v3/faceswap/quota/info")["code"] == 1000
    assert fake.request("GET", "/_mock/jobs").status == 200


# ----- the hostile-JSON property: every operation, every control endpoint, never a 500 ---------------------
def top_level_names(op: Operation) -> list[str]:
    example = doc_example(op) or HAND_MADE.get(op.id) or {}
    return sorted(example)


OPERATIONS = {op.id: op for op in CATALOG.operations}
FAKE = make_fake()


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@pytest.mark.parametrize("op_id", sorted(OPERATIONS))
def test_hostile_json_never_gets_a_500_from_an_operation(op_id: str, data: st.DataObject) -> None:
    op = OPERATIONS[op_id]
    raw = data.draw(hostile_json(top_level_names(op)), label="body")
    headers = {"x-api-key": DEFAULT_API_KEY, "content-type": "application/json"}
    path = op.path.replace("{_id}", "0" * 24)
    answer = FAKE.request(op.method, path, raw=raw, headers=headers, check=False)
    assert answer.status < 500, (op_id, raw[:200], answer.body)
    assert FAKE.backend.counters.internal_errors == 0, (op_id, raw[:200])
    code = answer.body.get("code", answer.body.get("error_code"))
    assert code != 1500
    if code == 1003:
        assert message_of(answer.body)


CONTROL_NAMES = ["seconds", "speed", "credits", "banned", "client_id", "api_key", "per_second", "delay_s",
                 "count", "code", "http_status", "operation", "reason", "duplicate"]  # fmt: skip


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@pytest.mark.parametrize(("method", "path"), CONTROL, ids=str)
def test_hostile_json_never_gets_a_500_from_the_control_api(
    method: str, path: str, data: st.DataObject
) -> None:
    raw = data.draw(hostile_json(CONTROL_NAMES), label="body")
    fake = make_fake()
    answer = fake.request(method, path, raw=raw, headers={"content-type": "application/json"})
    assert answer.status < 500, (method, path, raw[:200], answer.body)
    assert fake.backend.counters.internal_errors == 0
    if answer.status >= 400:
        assert answer.body["error"]
    assert math.isfinite(fake.backend.now())
    assert all(math.isfinite(account.credits) for account in fake.backend.accounts.values())
