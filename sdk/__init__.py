"""The reference Python SDK of the Akool API.

    from akool_mock.sdk import AkoolClient

    with AkoolClient(api_key="...") as client:                  # or AKOOL_API_KEY in the environment
        result = client.faceswap.create_image_and_wait(
            source_image=[{"path": new_face_url}],
            target_image=[{"path": old_face_url}],
            modify_image=photo_url,
        )
        print(result.url)

`AsyncAkoolClient` has the same methods as coroutines. Errors are in `sdk.errors`, result types in
`sdk.types.<area>`, webhook verification in `sdk.webhooks`.
"""

from akool_mock.sdk._async.client import AsyncAkoolClient
from akool_mock.sdk._constants import VERSION as __version__
from akool_mock.sdk._sync.client import AkoolClient
from akool_mock.sdk.errors import (
    AkoolError,
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    JobFailedError,
    NotFoundError,
    RateLimitError,
    ValidationError,
    WaitTimeoutError,
)
from akool_mock.sdk.types import JobRef, JobStatus

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AkoolClient",
    "AkoolError",
    "AsyncAkoolClient",
    "AuthenticationError",
    "JobFailedError",
    "JobRef",
    "JobStatus",
    "NotFoundError",
    "RateLimitError",
    "ValidationError",
    "WaitTimeoutError",
    "__version__",
]
