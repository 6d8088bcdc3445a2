"""client.live_faceswap: real-time face swap sessions over Agora.

Page: https://docs.akool.com/ai-tools-suite/live-faceswap. The source faces come from face detection
(`client.face_detection.detect_legacy` or `detect_faces`: a face image's URL and its `landmarks_str`). A
session is not a job and has no read operation; close it when done (closing twice is not an error).
Unknown session ids raise NotFoundError (1008); changing a closed session raises APIError 1010.
"""

from __future__ import annotations

from collections.abc import Sequence

from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.live_faceswap import NAMES, LiveFace, LiveFaceswapSession


class AsyncLiveFaceswap(AsyncResource):
    async def create_session(self, *, source_image: Sequence[LiveFace]) -> LiveFaceswapSession:
        """Open a real-time face swap session that puts the faces `source_image` (each a face image URL and
        its landmarks as `opts`) on the video the front end sends; answers the Agora channel and the token
        the front end joins with. Cost: the docs give no price (the code table lists 1104 for too few
        credits). https://docs.akool.com/ai-tools-suite/live-faceswap
        """
        data = await self._call("live_faceswap.create_session", json=NAMES.to_wire(source_image=source_image))
        return from_wire(LiveFaceswapSession, data, "live_faceswap.create_session")

    async def update_session(self, *, id: str, source_image: Sequence[LiveFace]) -> None:
        """Replace the source faces of the open session `id`."""
        body = NAMES.to_wire(id=id, source_image=source_image)
        await self._call("live_faceswap.update_session", json=body)

    async def close_session(self, *, id: str) -> None:
        """Close the session `id` and release its resources."""
        await self._call("live_faceswap.close_session", json=NAMES.to_wire(id=id))
