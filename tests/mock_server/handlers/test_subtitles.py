"""Video translation's `audio_splits` (handlers/subtitles.py): subtitles and a caption-free video."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mock_server.conftest import Fake, make_fake

CREATE = "/api/open/v3/content/video/createbytranslate"
POLL = "/api/open/v3/content/video/infobymodelid"


def _translated(fake: Fake, language: str = "es", *, complete: bool = True) -> dict[str, Any]:
    body = {"url": "https://x.example/talk.mp4", "source_language": "DEFAULT", "language": language}
    job_id = fake.post(CREATE, body)["data"]["_id"]
    if complete:
        fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    return dict(fake.get(POLL, video_model_id=job_id)["data"])


def test_a_completed_translation_has_subtitles_and_a_video_without_captions(fake: Fake) -> None:
    data = _translated(fake)
    splits = data["audio_splits"]
    assert set(splits) == {"original_srt_url", "translated_srt_url", "no_caption_video_url"}
    for name, content_type in (
        ("original_srt_url", "application/x-subrip"),
        ("translated_srt_url", "application/x-subrip"),
        ("no_caption_video_url", "video/mp4"),
    ):
        served = fake.request("GET", urlsplit(splits[name]).path)
        assert (served.status, served.content_type) == (200, content_type), name
    assert fake.request("GET", urlsplit(splits["original_srt_url"]).path).raw.startswith(
        b"1\n00:00:00,000 --> "
    )
    assert splits["translated_srt_url"] != splits["original_srt_url"]


def test_no_splits_before_completion(fake: Fake) -> None:
    assert "audio_splits" not in _translated(fake, complete=False)


def test_a_failed_translation_has_no_splits(fake: Fake) -> None:
    body = {"url": "https://x.example/fail.mp4", "source_language": "DEFAULT", "language": "fr"}
    job_id = fake.post(CREATE, body)["data"]["_id"]
    fake.request("POST", f"/_mock/jobs/{job_id}/fail", body={"reason": "no speech"})
    assert "audio_splits" not in fake.get(POLL, video_model_id=job_id)["data"]


@settings(max_examples=5)
@given(st.sampled_from(["es", "fr", "de", "ja"]))
def test_the_translated_track_names_its_language(language: str) -> None:
    splits = _translated(make_fake(), language)["audio_splits"]
    assert splits["translated_srt_url"].endswith(f"track={language}")
