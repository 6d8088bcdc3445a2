"""Defaults of the SDK, in one place: hosts, time limits, retry backoff and the user agent."""

from __future__ import annotations

from typing import Final

VERSION: Final = "0.2.0"  # the package version (tests/test_packaging.py checks they agree)

BASE_URL: Final = "https://openapi.akool.com"
"""Every operation but the legacy face detection lives here."""

DETECT_BASE_URL: Final = "https://sg3.akool.com"
"""The legacy face detection host (face_detection.detect_legacy)."""

TIMEOUT: Final = 60.0
"""Seconds allowed for one HTTP request (connect, read, write and pool alike)."""

MAX_RETRIES: Final = 2
"""Retries after the first attempt, for the failures that are safe to retry (see sdk._core.retry_delay)."""

BACKOFF_BASE: Final = 0.5
"""Seconds before the first retry; doubled for each further retry, with jitter."""

BACKOFF_CAP: Final = 8.0
"""The longest pause between two retries, in seconds."""

WAIT_TIMEOUT: Final = 600.0
"""How long `client.wait` waits for a job by default, in seconds."""

SESSION_WAIT_TIMEOUT: Final = 120.0
"""How long `client.streaming.create_session_and_wait` waits for the avatar to go live, in seconds (the
session is pre-charged meanwhile, so this is shorter than a job's wait)."""

POLL_INTERVAL: Final = 2.0
"""Seconds between the first two polls of `client.wait`; later pauses grow by POLL_BACKOFF."""

POLL_BACKOFF: Final = 1.5
POLL_INTERVAL_CAP: Final = 30.0

USER_AGENT: Final = f"akool-python-sdk/{VERSION}"

ENV_API_KEY: Final = "AKOOL_API_KEY"
ENV_CLIENT_ID: Final = "AKOOL_CLIENT_ID"
ENV_CLIENT_SECRET: Final = "AKOOL_CLIENT_SECRET"
ENV_BASE_URL: Final = "AKOOL_BASE_URL"
