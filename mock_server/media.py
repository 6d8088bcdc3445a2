"""Result media: every result URL points at the fake and serves a small valid file of the right type.

A URL works while its job exists and is completed, and for `result_lifetime_s` (7 days, as the docs say) of
clock time after completion; then it answers 404 like an expired Akool URL.
"""

from __future__ import annotations

from functools import cache

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.mock_server.jobs import COMPLETED
from akool_mock.mock_server.state import Backend
from akool_mock.mock_server.wire import WireResponse, json_response

MEDIA_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
    "mp3": "audio/mpeg",
    "srt": "application/x-subrip",  # video translation subtitles (audio_splits)
}


@cache
def placeholder(extension: str) -> bytes:
    return (FIXTURES_DIR / "media" / f"placeholder.{extension}").read_bytes()


def serve_media(backend: Backend, job_id: str, extension: str) -> WireResponse:
    job = backend.jobs.get(job_id)
    media_type = MEDIA_TYPES.get(extension)
    if job is None or media_type is None or job.deleted:
        return json_response({"error": "no such media"}, 404)
    if job.status != COMPLETED or job.completed_at is None:
        return json_response({"error": "the job has no result yet"}, 404)
    if backend.now() > job.completed_at + backend.settings.result_lifetime_s:
        return json_response({"error": "this result URL has expired (7 days after completion)"}, 404)
    return WireResponse(200, placeholder(extension), content_type=media_type)
