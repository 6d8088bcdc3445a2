"""A finished video translation read through the SDK carries its `audio_splits` (2026 docs)."""

from __future__ import annotations

import pytest

from akool_mock.sdk.types.videos import AudioSplits
from tests.sdk.support import VIDEO, Client, resolve

pytestmark = pytest.mark.anyio


async def test_a_finished_translation_has_its_subtitles(client: Client) -> None:
    (result,) = await resolve(client.video_translation.create_and_wait(url=VIDEO, language="es", interval=1))
    assert isinstance(result.audio_splits, AudioSplits)
    assert str(result.audio_splits.original_srt_url).split("?")[0].endswith(".srt")
    assert str(result.audio_splits.translated_srt_url).endswith("track=es")
    assert str(result.audio_splits.no_caption_video_url).split("?")[0].endswith(".mp4")
