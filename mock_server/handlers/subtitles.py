"""Video translation's split outputs (`audio_splits`): subtitle files and a video without captions.

openapi/video-translation.yaml (AudioSplits, 2026 snapshot) documents `original_srt_url`,
`translated_srt_url` and `no_caption_video_url` on a translation result. They exist once the job is
completed, and point at the fake's media route like every result URL
(schemas/NOTES.md#video-translation-audio-splits).
"""

from __future__ import annotations

from typing import Any

from akool_mock.mock_server.jobs import COMPLETED, Job


def audio_splits(base_url: str, job: Job) -> dict[str, Any] | None:
    """The split outputs of a completed translation job, or None before completion."""
    if job.status != COMPLETED:
        return None
    media = f"{base_url}/_mock/media/{job.id}"
    return {
        "original_srt_url": f"{media}.srt?track=original",
        "translated_srt_url": f"{media}.srt?track={job.fields.get('language', 'translated')}",
        "no_caption_video_url": f"{media}.mp4?captions=none",
    }
