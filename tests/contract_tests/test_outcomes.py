"""The per-kind poll rules (contract_tests/outcomes.py): each holds for the docs' own examples and names what
a broken answer gets wrong."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from akool_mock.contract_tests import outcomes

# current/ai-tools-suite/jarvis-moderator.mdx, the get result example
MODERATED = {
    "status": 3,
    "result": "- violence: Presence of a person holding a handgun, which can be associated with violent "
    "content.\nResult: Non-Compliant",
    "final_conclusion": "Non-Compliant",
}


def test_the_docs_moderation_example_passes_and_a_result_without_its_conclusion_fails() -> None:
    assert outcomes.problems("jarvis.create_analysis", MODERATED, 3) == []
    wrong = {**MODERATED, "result": "https://cdn.example.com/result.bin"}
    assert (
        "does not end with the line 'Result: Non-Compliant'"
        in outcomes.problems("jarvis.create_analysis", wrong, 3)[0]
    )
    other = {**MODERATED, "final_conclusion": "Fine"}
    assert "final_conclusion is 'Fine'" in outcomes.problems("jarvis.create_analysis", other, 3)[0]
    assert outcomes.problems("jarvis.create_analysis", {"status": 1, "result": ""}, 1) == []


@given(op=st.sampled_from(sorted(outcomes.SHOWN)), status=st.sampled_from([1, 2, 3]))
def test_a_kind_field_left_out_is_named_with_its_page(op: str, status: int) -> None:
    names, page = outcomes.SHOWN[op]
    full = dict.fromkeys(names, "x")
    assert outcomes.problems(op, full, status) == []
    for name in names:
        found = outcomes.problems(op, {k: v for k, v in full.items() if k != name}, status)
        assert found == [f"{name} is missing ({page})"]


@given(
    op=st.sampled_from(["faceswap.create_video", "talking_photo.create", "lipsync.create"]),
    charge=st.integers(1, 10_000) | st.floats(0.01, 1e6),
    name=st.sampled_from(outcomes.CHARGES),
)
def test_a_failed_job_showing_a_charge_fails_and_a_finished_one_may_show_it(
    op: str, charge: float, name: str
) -> None:
    item = {"resolution": "720", name: charge}
    assert [p for p in outcomes.problems(op, item, 4) if name in p] == [
        f"{name} is {charge!r} for a failed job, not 0 (its credits are given back)"
    ]
    assert [p for p in outcomes.problems(op, item, 3) if name in p] == []
    assert [p for p in outcomes.problems(op, {**item, name: 0}, 4) if name in p] == []


@given(op=st.sampled_from(sorted(outcomes.PICTURE_SWAPS)), seconds=st.integers(1, 600))
def test_a_picture_face_swap_shows_no_duration(op: str, seconds: int) -> None:
    # the reage page's picture result
    assert outcomes.problems(op, {"image": 1, "video_duration": 0, "deduction_duration": 0}, 3) == []
    found = outcomes.problems(op, {"video_duration": seconds}, 3)
    assert found == [
        f"video_duration is {seconds} for a face swap of a picture, not 0 (the reage page's picture result)"
    ]
    assert outcomes.problems("faceswap.create_video", {"video_duration": seconds}, 3) == []
