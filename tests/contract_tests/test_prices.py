"""The suite's own price table (fixtures/docs/prices.json, read by contract_tests.prices) gives the docs'
worked examples, and covers every operation that charges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.contract_tests.prices import Charge, Facts, expected_charge, price_table
from akool_mock.schemas import load_catalog

SWAP = "character_swap.create"


def test_every_create_has_a_price_and_every_price_an_operation() -> None:
    catalog = load_catalog()
    creates = {
        op.id
        for op in catalog.operations
        if (op.kind == "job_create" or op.id.endswith(".create_session")) and not op.raw.get("deprecated")
    }
    assert creates == set(price_table())


def test_every_price_says_where_it_comes_from() -> None:
    for op_id, rule in price_table().items():
        assert rule["page"], op_id
        assert isinstance(rule["documented"], bool), op_id


def test_the_character_swap_page_example_costs_30_and_an_absent_duration_is_an_assumption() -> None:
    # character-swap.mdx: "a 12-second video at 720p resolution would cost 30 credits"
    assert expected_charge(SWAP, {"duration": 12, "resolution": "720p"}) == Charge(30.0, True)
    # without duration: the create example's 10 s (deduction_credit 20), akool-mock's assumption
    assert expected_charge(SWAP, {}) == Charge(20.0, False)


@given(duration=st.integers(1, 120), resolution=st.sampled_from(["480p", "720p", "1080p"]))
def test_character_swap_is_charged_by_started_5_second_block(duration: int, resolution: str) -> None:
    cost = expected_charge(SWAP, {"duration": duration, "resolution": resolution}).credits
    block_start = expected_charge(SWAP, {"duration": (duration - 1) // 5 * 5 + 1, "resolution": resolution})
    assert cost == block_start.credits  # one price within a block
    assert cost > expected_charge(SWAP, {"duration": max(duration - 5, 0), "resolution": resolution}).credits


def test_the_tts_example_deducts_its_published_amount() -> None:
    # voiceLab.mdx Get Voice Result Detail: 117 characters of input_text, deduction_credit 0.5148
    charge = expected_charge("voices.tts", {"input_text": "x" * 117})
    assert charge == Charge(0.5148, False)  # the Pro column: the plan decides the rate


def test_per_minute_and_per_second_prices_count_the_assumed_length() -> None:
    assert expected_charge("voices.change", {}).credits == pytest.approx(4.4 * 12.8 / 60, abs=1e-4)
    assert expected_charge("headswap.create_task", {}) == Charge(100.0, False)
    assert expected_charge("streaming.create_session", {"duration": 90}).credits == 1.5
    assert expected_charge("streaming.create_session", {}).credits == 60.0


@given(seconds=st.floats(0.001, 36_000))
def test_a_voice_change_pays_per_minute_of_the_length_its_answer_shows(seconds: float) -> None:
    expected = expected_charge("voices.change", {}, facts=Facts(audio_seconds=seconds)).credits
    assert expected == round(4.4 * seconds / 60, 4)


def test_video_tables_price_each_video_made() -> None:
    body = {"video_length": 10, "resolution": "4k"}
    assert expected_charge("image2video.create", body) == Charge(60.0, True)
    assert expected_charge("text2video.create_batch", body, made=3) == Charge(180.0, True)
    assert expected_charge("text2video.create_batch", {}, made=2) == Charge(40.0, False)  # defaults assumed


def test_a_batch_naming_a_model_pays_its_unit_credit_per_5_seconds() -> None:
    model = {"value": "m", "resolutionList": [{"value": "720p", "unit_credit": 5}]}
    body = {"model_name": "m", "video_length": 10, "resolution": "720p"}
    facts = Facts(models={"m": model})
    assert expected_charge("image2video.create_batch", body, made=2, facts=facts) == Charge(20.0, True)
    assert expected_charge("image2video.create_batch", body, made=2).credits == 80.0  # unknown model: table


def test_audio_added_to_a_video_costs_by_that_videos_length() -> None:
    assert expected_charge("image2video.update_audio", {}, facts=Facts(video_seconds=10.0)).credits == 10.0
    with pytest.raises(ValueError, match="pre_video_id"):
        expected_charge("image2video.update_audio", {})


def test_jarvis_prices_by_content_type() -> None:
    op = "jarvis.create_analysis"
    assert expected_charge(op, {"type": 1, "content": "https://x/a.png"}) == Charge(0.2, True)
    assert expected_charge(op, {"type": 4, "content": "a" * 601}) == Charge(0.2, True)
    assert expected_charge(op, {"type": 4, "content": "https://x/a.txt"}) == Charge(0.1, False)
    assert expected_charge(op, {"type": 2, "content": "https://x/a.mp4"}) == Charge(1.0, False)
    assert expected_charge(op, {"type": 3, "content": "https://x/a.mp3"}) == Charge(0.5, False)


def test_a_translation_pays_per_language_made() -> None:
    assert expected_charge("video_translation.create", {}, made=3).credits == 3.0
