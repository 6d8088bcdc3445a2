"""A job's fields: a mapping over a shared layout and a tuple of values, behaving as the dict it replaced."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server.job_fields import CREATED_MS, Derived, JobFields, layout_of, pack, result_url
from akool_mock.mock_server.jobs import Job, JobEngine
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


def test_a_mutable_value_is_the_stored_one() -> None:
    job = make({"used": []})
    job.fields.setdefault("buttons", []).append("U1")
    job.fields["used"].append("V1")
    assert job.fields == {"used": ["V1"], "buttons": ["U1"]}


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
    assert job.layout.derived
    assert job.fields["url"] == job.fields.get("url") == "http://x/_mock/media/abc.png"
    job.fields["url"] = "plain"
    assert not job.layout.derived
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
