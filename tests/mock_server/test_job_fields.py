"""A job's fields: a mapping over a shared layout and a tuple of values, behaving as the dict it replaced."""

from __future__ import annotations

import itertools
import json
import zlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server import job_fields
from akool_mock.mock_server.job_fields import (
    CREATED_MS,
    PACK_FROM,
    Derived,
    JobFields,
    layout_of,
    pack,
    read,
    result_url,
    stored,
)
from akool_mock.mock_server.jobs import Job, JobEngine
from akool_mock.mock_server.persistence import _job, _job_record
from akool_mock.mock_server.settings import Lifecycle

MANUAL = Lifecycle(policy="manual")
KEYS = st.sampled_from(["a", "b", "url", "create_time", "job_id"])
VALUES = st.one_of(st.integers(), st.text(max_size=5), st.none(), st.lists(st.integers(), max_size=2))
URL = result_url("http://x/_mock/media/", ".png")


def make(fields: dict[str, Any], *, job_id: str = "j1", now: float = 5.0) -> Job:
    return JobEngine().create(
        job_id, "x.create", "acct", now, MANUAL, fails=False, webhook_url=None, cost=1, fields=fields
    )


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), KEYS, VALUES),
        st.tuples(st.just("url"), KEYS, st.none()),
        st.tuples(st.just("del"), KEYS, st.none()),
        st.tuples(st.just("setdefault"), KEYS, VALUES),
    ),
    max_size=12,
)


@given(start=st.dictionaries(KEYS, VALUES, max_size=5), operations=OPERATIONS)
def test_fields_behave_as_a_dict(start: dict[str, Any], operations: list[tuple[str, str, Any]]) -> None:
    job = make(dict(start))
    expected = dict(start)
    for name, key, value in operations:
        if name == "set":
            job.fields[key] = expected[key] = value
        elif name == "url":
            job.fields[key] = URL
            expected[key] = "http://x/_mock/media/j1.png"
        elif name == "del" and key in expected:
            del job.fields[key]
            del expected[key]
        elif name == "setdefault":
            assert job.fields.setdefault(key, value) == expected.setdefault(key, value)
        assert job.fields == expected
        assert list(job.fields) == list(expected)
        assert job.fields.as_dict() == dict(job.fields.items()) == {**job.fields} == expected
        assert len(job.fields) == len(expected)
        for probe in ("a", "b", "url", "create_time", "job_id", "missing"):
            assert (probe in job.fields) == (probe in expected)
            assert job.fields.get(probe, "-") == expected.get(probe, "-")


def test_a_list_read_is_a_new_one_and_a_change_is_kept_once_written_back() -> None:
    job = make({"used": []})
    job.fields["used"].append("V1")  # the job keeps the list packed: this changes a copy
    assert job.fields["used"] == []
    job.fields["used"] = [*job.fields["used"], "V1"]
    assert job.fields == {"used": ["V1"]}


def test_jobs_with_the_same_keys_share_one_layout_and_keep_their_own_values() -> None:
    first, second = make({"a": 1, "b": "x"}, job_id="j1"), make({"a": 2, "b": "y"}, job_id="j2")
    assert first.layout is second.layout
    second.fields["a"] = 3
    assert first.fields == {"a": 1, "b": "x"}
    assert second.fields == {"a": 3, "b": "y"}
    second.fields["c"] = 0
    assert first.layout is not second.layout
    assert first.fields == {"a": 1, "b": "x"}


def test_the_creation_time_in_ms_is_derived_and_reads_the_same() -> None:
    job = make({"create_time": 5000, "other": 1}, now=5.0)
    assert job.values[0] is CREATED_MS
    assert job.fields["create_time"] == 5000
    assert job.fields.as_dict() == {"create_time": 5000, "other": 1}
    later = make({"create_time": 5001}, now=5.0)  # a batch's later item: not the creation time, stored
    float_time = make({"create_time": 5000.0}, now=5.0)  # not an int: stored as given
    assert later.values == (5001,)
    assert float_time.values == (5000.0,)
    assert type(float_time.fields["create_time"]) is float


def test_a_result_url_is_derived_from_the_job_id() -> None:
    job = make({"url": ""}, job_id="abc")
    job.fields["url"] = URL
    assert job.values == (URL,)
    assert job.layout.computed
    assert job.fields["url"] == job.fields.get("url") == "http://x/_mock/media/abc.png"
    job.fields["url"] = "plain"
    assert not job.layout.computed
    assert job.fields.as_dict() == {"url": "plain"}


def test_layouts_stop_being_shared_past_the_bound(monkeypatch: Any) -> None:
    from akool_mock.mock_server import job_fields

    monkeypatch.setattr(job_fields, "LAYOUTS", {})
    monkeypatch.setattr(job_fields, "MAX_LAYOUTS", 1)
    first = layout_of(("a",), (1,))
    assert layout_of(("a",), (2,)) is first
    assert layout_of(("b",), (1,)) is not layout_of(("b",), (1,))  # correct, only not shared


def test_pack_and_a_view_over_a_bare_job() -> None:
    layout, values = pack({"k": Derived(lambda job: job.id.upper()), "n": 1})
    job = make({})
    job.layout, job.values = layout, values
    assert JobFields(job) == {"k": "J1", "n": 1}


# Any JSON value a request can carry (the reader refuses NaN, infinities and integers past 64 bits).
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.text(alphabet="ab ", min_size=PACK_FROM, max_size=2 * PACK_FROM),  # long enough to be deflated
)
JSON_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
)
WIRE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # as answers are written (wire.py)


def wire(value: Any) -> str:
    return WIRE.encode(value)


@given(value=JSON_VALUES)
def test_any_json_value_reads_back_equal_and_answers_the_same_bytes(value: Any) -> None:
    job = make({"v": value})
    assert job.fields["v"] == job.field("v") == value
    assert wire(job.field_dict()) == wire({"v": value})  # a float stays a float, a bool a bool
    job.fields["w"] = value
    assert wire(job.fields.as_dict()) == wire({"v": value, "w": value})


@given(fields=st.dictionaries(st.sampled_from(["a", "b", "url", "create_time"]), JSON_VALUES, max_size=4))
def test_a_state_file_row_holds_the_plain_values_and_loads_back(fields: dict[str, Any]) -> None:
    job = JobEngine().create(
        "j1",
        "x.create",
        "acct",
        5.0,
        MANUAL,
        fails=False,
        webhook_url=None,
        cost=1,
        fields=fields,
        planned={"result": fields},
    )
    row = json.loads(json.dumps(_job_record(job)))
    assert row["fields"] == fields
    assert row["planned"] == {"result": fields}
    restored = _job(row)
    assert wire(restored.field_dict()) == wire(job.field_dict()) == wire(fields)
    assert restored.planned_dict() == {"result": fields}


def test_long_text_and_containers_are_kept_packed_and_short_text_as_it_is() -> None:
    text = "In late spring, the peony garden awakens. " * 30
    short = "x" * (PACK_FROM - 1)
    scenes = {"data": [{"width": 1920, "height": 1080, "voice": {"speed": 1.0}}] * 8}
    job = make({"text": text, "short": short, "scenes": scenes, "empty": [], "n": 7})
    packed_text, kept, packed_scenes, empty, number = job.values
    assert type(packed_text) is bytes
    assert len(packed_text) < len(text) // 4
    assert zlib.decompress(packed_text[1:], -15).decode() == text  # raw DEFLATE, one tag byte
    assert kept is short
    assert type(packed_scenes) is bytes
    assert len(packed_scenes) < len(json.dumps(scenes))
    assert empty == b"[]"
    assert number == 7
    assert job.layout.computed == (0, 2, 3)
    assert job.fields.as_dict() == {"text": text, "short": short, "scenes": scenes, "empty": [], "n": 7}


def test_values_that_would_not_read_back_equal_are_kept_as_they_are() -> None:
    for value in ([(1, 2)], {1: "a"}, [float("nan")], "\ud800" * PACK_FROM, [object()], ["\ud800"]):
        assert stored(value) is value
    accented = "é" * PACK_FROM
    assert type(stored(accented)) is bytes
    assert read(stored(accented), make({})) == accented


def test_a_planned_value_is_kept_packed_and_read_as_given() -> None:
    plan = {"voice_id": "v" * PACK_FROM, "result": {"media": [1, 2]}}
    job = JobEngine().create(
        "j1", "x.create", "acct", 5.0, MANUAL, fails=False, webhook_url=None, cost=1, fields={}, planned=plan
    )
    assert job.planned is not None
    assert all(type(value) is bytes for value in job.planned.values())
    assert job.planned_dict() == plan


def test_equal_values_are_kept_once_from_the_second_time_they_are_seen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(job_fields, "SHARED", job_fields._SharedValues())
    text = "In late spring, the peony garden awakens. " * 30  # packed
    url = "https://example.com/media/" + "a" * 64
    scenes = {"data": [{"width": 1920, "height": 1080}] * 4}

    def fields() -> dict[str, Any]:  # new objects each time, as a request's parser makes them
        return {"text": "".join(text), "url": "".join(url), "short": "".join("720p"), "scenes": dict(scenes)}

    first, second, third = (
        make(fields(), job_id="j1"),
        make(fields(), job_id="j2"),
        make(fields(), job_id="j3"),
    )
    assert [a is b for a, b in zip(second.values, third.values, strict=True)] == [True] * 4
    assert [a is b for a, b in zip(first.values, second.values, strict=True)] == [False] * 4
    assert (
        first.field_dict()
        == third.field_dict()
        == {"text": text, "url": url, "short": "720p", "scenes": scenes}
    )


def test_a_value_seen_once_takes_no_slot_in_the_table() -> None:
    table = job_fields._SharedValues()
    values = [f"job {n}" for n in range(1000)]
    for value in values:
        table.get(value)
    bits = [hash(value) & (job_fields.SEEN_SLOTS - 1) for value in values]
    collided = [value for n, value in enumerate(values) if bits[n] in bits[:n]]  # let in on first sight
    assert list(table.table) == collided


@pytest.fixture
def small_table(monkeypatch: pytest.MonkeyPatch) -> job_fields._SharedValues:
    table = job_fields._SharedValues()
    monkeypatch.setattr(job_fields, "SHARED", table)
    monkeypatch.setattr(job_fields, "SHARED_BYTES", 10 * (64 + job_fields.ENTRY_COST))
    return table


def _value(n: int) -> str:
    return f"{n:064d}"


def test_a_full_table_drops_the_values_no_job_holds(small_table: job_fields._SharedValues) -> None:
    jobs = [make({"v": _value(n)}, job_id=f"j{n}{twice}") for n in range(10) for twice in "ab"]
    assert len(small_table.table) == 10
    del jobs[:16]  # their jobs are gone (reset, or deleted and compacted)
    later = [make({"v": _value(n)}, job_id=f"k{n}{twice}") for n in range(10, 15) for twice in "ab"]
    assert sorted(small_table.table) == [_value(n) for n in (8, 9, 10, 11, 12, 13, 14)]
    # from the second job with a value on, the table's object is the one stored
    assert all(job.values[0] is small_table.table[job.values[0]] for job in (jobs + later)[1::2])


def test_a_table_full_of_held_values_stores_new_ones_unshared(small_table: job_fields._SharedValues) -> None:
    held = [make({"v": _value(n)}, job_id=f"j{n}{twice}") for n in range(10) for twice in "ab"]
    extra = [make({"v": _value(n)}, job_id=f"k{n}{twice}") for n in range(10, 40) for twice in "ab"]
    assert len(small_table.table) == 10
    assert len(held) == 20
    assert [job.field("v") for job in extra] == [_value(n) for n in range(10, 40) for _ in "ab"]
    assert small_table.size <= job_fields.SHARED_BYTES


@given(values=st.lists(st.text(max_size=300), max_size=30))
def test_the_table_stays_within_its_bound_and_every_job_reads_its_own_value(values: list[str]) -> None:
    table = job_fields._SharedValues()
    jobs = [make({"v": value}, job_id=f"j{n}") for n, value in enumerate(values)]
    for value in values + values:
        table.get(value)
    assert [job.field("v") for job in jobs] == values
    assert table.size == sum(len(value) + job_fields.ENTRY_COST for value in table.table)
    assert table.size <= job_fields.SHARED_BYTES


def test_the_first_sights_are_forgotten_once_an_eighth_of_their_slots_are_set() -> None:
    table = job_fields._SharedValues()
    values = (f"value {n}" for n in itertools.count())
    while table.marked < job_fields.SEEN_SLOTS // 8 - 1:
        table.get(next(values))
    assert any(table.seen)
    for _ in range(100):  # the next value with a slot of its own clears them all
        table.get(next(values))
        if table.marked == 0:
            break
    assert not any(table.seen)
    assert len(table.seen) == job_fields.SEEN_SLOTS
