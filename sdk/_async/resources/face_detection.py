"""client.face_detection: faces (boxes, landmarks, crops) in images and videos, persons across frames, and the
legacy detector.

Pages: https://docs.akool.com/ai-tools-suite/face-detection (overview), .../face-detection/detect-faces,
.../face-detection/analyze-frames, https://docs.akool.com/ai-tools-suite/faceswap/face-detect (legacy).
The `landmarks_str` of a face is the `opts` Face Swap, Reage and Live Face Swap take.

These APIs answer without Akool's {code, msg, data} envelope; an answer with `error_code` other than 0, or
`success: false`, raises DetectionError (a ValidationError: the input was refused or unusable; its message
is Akool's reason). The docs give no price for detection.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.face_detection import NAMES, DetectedFaces, FrameAnalysis, LegacyDetection


def base64_text(img: str | bytes | None) -> str | None:
    """An image for `img`: bytes are base64-encoded here, text (base64 or a data: URI) is sent as it is."""
    return base64.b64encode(img).decode("ascii") if isinstance(img, bytes) else img


class AsyncFaceDetection(AsyncResource):
    async def detect_faces(
        self,
        *,
        url: str | None = None,
        img: str | bytes | None = None,
        num_frames: int | None = None,
        return_face_url: bool | None = None,
        single_face: bool | None = None,
    ) -> DetectedFaces:
        """Find the faces in the image or video at the public `url`, or in the image `img` (its bytes, or
        base64 text, or a data: URI); `url` wins when both are given.

        Videos are sampled in `num_frames` frames (1 to 100, default 5). `single_face` keeps only the largest
        face of each frame; `return_face_url` adds cropped face images to every frame.
        https://docs.akool.com/ai-tools-suite/face-detection/detect-faces
        """
        body = NAMES.to_wire(
            url=url,
            img=base64_text(img),
            num_frames=num_frames,
            return_face_url=return_face_url,
            single_face=single_face,
        )
        data = await self._call("face_detection.detect_faces", json=body)
        return from_wire(DetectedFaces, data, "face_detection.detect_faces")

    async def analyze_frames(
        self,
        *,
        frame_urls: Sequence[str],
        timestamps: Sequence[float] | None = None,
        expand_ratio: float | None = None,
    ) -> FrameAnalysis:
        """Find the persons in one or more frame images (public URLs), the same person merged across frames,
        each with a cropped face URL ready for Face Swap. `timestamps` are the frames' times in seconds (one
        per frame; default 0, 1, 2, ...); `expand_ratio` (0 to 1, default 0.3) widens the crops.
        https://docs.akool.com/ai-tools-suite/face-detection/analyze-frames
        """
        body = NAMES.to_wire(frame_urls=frame_urls, timestamps=timestamps, expand_ratio=expand_ratio)
        data = await self._call("face_detection.analyze_frames", json=body)
        return from_wire(FrameAnalysis, data, "face_detection.analyze_frames")

    async def detect_legacy(
        self, *, image_url: str | None = None, img: str | bytes | None = None, single_face: bool = False
    ) -> LegacyDetection:
        """The legacy detector (on the client's `detect_base_url`, https://sg3.akool.com by default; Akool
        plans to retire it: prefer detect_faces). Faces of the image at `image_url` or in `img` (bytes or
        base64 text); `single_face` keeps only the largest.
        https://docs.akool.com/ai-tools-suite/faceswap/face-detect
        """
        body = NAMES.to_wire(single_face=single_face, image_url=image_url, img=base64_text(img))
        data = await self._call("face_detection.detect_legacy", json=body)
        return from_wire(LegacyDetection, data, "face_detection.detect_legacy")
