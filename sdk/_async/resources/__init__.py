"""One resource class per area of the API; the client makes one of each (`client.<area>`)."""

from sdk._async.resources.auth import AsyncAuth
from sdk._async.resources.faceswap import AsyncFaceswap
from sdk._async.resources.knowledge import AsyncKnowledge
from sdk._async.resources.voices import AsyncVoices

__all__ = ["AsyncAuth", "AsyncFaceswap", "AsyncKnowledge", "AsyncVoices"]
