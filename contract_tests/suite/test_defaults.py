"""Defaults: what a create's answer shows of an optional field it left out is the docs' default, and what
an unfinished job shows is what the docs' example at that status shows.

- voices.tts (voiceLab page, Text to Speech): `extra_options.audio_setting.format` defaults to mp3, and the
  answer's `file_name` ("1ef1d76ebfc244f7a30430f7049d6ebc.mp3") ends with the format; `duration` is 0 until
  the audio exists (the example at status 1).
- text2video.create_batch (text2video page): `extend_prompt` shows false when left out; each video's
  `batch_count` ("Total number of videos in this batch") is the number of videos the batch made.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks
from akool_mock.contract_tests.exchange import Exchange
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import valid_requests
from akool_mock.contract_tests.targets import may_run
from akool_mock.contract_tests.world import World
from akool_mock.schemas import load_catalog

CATALOG = load_catalog()
COMPLETED = 3


def _draw(data: st.DataObject, op_id: str, harness: Harness, world: World) -> dict[str, Any]:
    if not may_run(harness.target, op_id):
        pytest.skip(f"{op_id} costs credits: the live target runs it only with --akool-allow-costly")
    op = CATALOG.operation(op_id)
    request: dict[str, Any] = data.draw(valid_requests(op, world.refs_for(op)), label="request")
    return request


def _made(harness: Harness, op_id: str, request: dict[str, Any]) -> Exchange | None:
    """The create's answer when it succeeded (a refusal must be a documented code: defaults show nothing)."""
    exchange = harness.send(CATALOG.operation(op_id), request)
    checks.business_code_expected(exchange)
    return exchange if exchange.code == checks.SUCCESS and isinstance(exchange.data, dict) else None


@settings(max_examples=2)
@given(data=st.data())
def test_a_tts_answer_shows_its_format_and_no_duration_before_the_audio(
    data: st.DataObject, harness: Harness, world: World
) -> None:
    """voices.tts: `file_name` ends with the format asked for (mp3 when none is: the schema's default), and
    `duration` is 0 until the job is completed (the docs' example at status 1)."""
    sent = _draw(data, "voices.tts", harness, world)
    plain = copy.deepcopy(sent)
    setting = ((plain.get("body") or {}).get("extra_options") or {}).get("audio_setting") or {}
    setting.pop("format", None)
    for request in (sent, plain):
        audio = ((request.get("body") or {}).get("extra_options") or {}).get("audio_setting") or {}
        asked = audio.get("format") or "mp3"
        exchange = _made(harness, "voices.tts", request)
        if exchange is None:
            continue
        shown = exchange.data
        if not str(shown.get("file_name", "")).endswith(f".{asked}"):
            raise checks.CheckFailure(
                exchange, f"format {asked} (default mp3): file_name {shown.get('file_name')!r}"
            )
        if shown.get("status") != COMPLETED and shown.get("duration") != 0:
            raise checks.CheckFailure(
                exchange, f"status {shown.get('status')} shows duration {shown.get('duration')}, not 0"
            )


@settings(max_examples=2)
@given(data=st.data())
def test_a_text_to_video_batch_shows_the_docs_defaults(
    data: st.DataObject, harness: Harness, world: World
) -> None:
    """text2video.create_batch without `extend_prompt` and `count` shows extend_prompt false, and each
    video's batch_count is the number of videos made (one)."""
    request = _draw(data, "text2video.create_batch", harness, world)
    body = request.get("body") or {}
    body.pop("extend_prompt", None)
    body.pop("count", None)
    exchange = _made(harness, "text2video.create_batch", request)
    if exchange is None:
        return
    videos = [v for v in exchange.data.get("successList") or [] if isinstance(v, dict)]
    for video in videos:
        if video.get("extend_prompt") is not False:
            raise checks.CheckFailure(
                exchange, f"extend_prompt left out shows {video.get('extend_prompt')!r}"
            )
        if video.get("batch_count") != len(videos):
            raise checks.CheckFailure(
                exchange, f"a batch of {len(videos)} videos shows batch_count {video.get('batch_count')}"
            )
