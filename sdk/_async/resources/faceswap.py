"""client.faceswap: face swap (v3, v4 Pro and Plus) and reage jobs, their results, cancel and credits.

Pages: ai-tools-suite__faceswap*, ai-tools-suite__reage. Every job is polled with list_results by its `id`;
`client.wait(job)` and the `*_and_wait` methods do that for you.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource, joined, member
from akool_mock.sdk.types._base import from_wire, many
from akool_mock.sdk.types.faceswap import (
    NAMES,
    FaceImage,
    FaceMapping,
    FaceswapJob,
    FaceswapResult,
    FaceswapUrlJob,
    ModelStyle,
    Quota,
    ReageFace,
)

J = TypeVar("J", bound=FaceswapJob)


def _v3_flag(value: bool | None) -> int | None:
    # v3 takes face_enhance as 0/1 and refuses booleans (notes/faceswap.md#faceswap-face-enhance).
    return None if value is None else int(value)


class AsyncFaceswap(AsyncResource):
    async def _job(self, op_id: str, job_type: type[J], **params: Any) -> J:
        data = await self._call(op_id, json=NAMES.to_wire(**params))
        return from_wire(job_type, data, op_id, operation=op_id)

    async def create_image(
        self,
        *,
        source_image: Sequence[FaceImage],
        target_image: Sequence[FaceImage],
        modify_image: str,
        face_enhance: bool | None = None,
        webhook_url: str | None = None,
    ) -> FaceswapUrlJob:
        """Swap faces in an image (v3, up to 8 faces): `target_image` are the faces found in `modify_image`
        by face detection, `source_image` the new faces in the same order (`opts` on each when several)."""
        return await self._job(
            "faceswap.create_image",
            FaceswapUrlJob,
            source_image=source_image,
            target_image=target_image,
            modify_image=modify_image,
            face_enhance=_v3_flag(face_enhance),
            webhook_url=webhook_url,
        )

    async def create_image_and_wait(
        self,
        *,
        source_image: Sequence[FaceImage],
        target_image: Sequence[FaceImage],
        modify_image: str,
        face_enhance: bool | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> FaceswapResult:
        """`create_image`, then `client.wait` for the result (its `url`)."""
        job = await self.create_image(
            source_image=source_image,
            target_image=target_image,
            modify_image=modify_image,
            face_enhance=face_enhance,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def create_image_pro(
        self,
        *,
        source_image: Sequence[FaceImage],
        target_image: Sequence[FaceImage],
        face_enhance: bool | None = None,
        single_face_mode: bool | None = None,
        model_name: str | None = None,
        webhook_url: str | None = None,
    ) -> FaceswapJob:
        """Face Swap Pro (v4): a more realistic swap, no face detection needed; `target_image` is the
        image to change. Several pairs need `opts` on every face."""
        return await self._job(
            "faceswap.create_image_pro",
            FaceswapJob,
            source_image=source_image,
            target_image=target_image,
            face_enhance=face_enhance,
            single_face_mode=single_face_mode,
            model_name=model_name,
            webhook_url=webhook_url,
        )

    async def create_image_pro_and_wait(
        self,
        *,
        source_image: Sequence[FaceImage],
        target_image: Sequence[FaceImage],
        face_enhance: bool | None = None,
        single_face_mode: bool | None = None,
        model_name: str | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> FaceswapResult:
        """`create_image_pro`, then `client.wait` for the result."""
        job = await self.create_image_pro(
            source_image=source_image,
            target_image=target_image,
            face_enhance=face_enhance,
            single_face_mode=single_face_mode,
            model_name=model_name,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def create_image_plus(
        self,
        *,
        source_url: str,
        target_url: str,
        face_mapping: Sequence[FaceMapping] | None = None,
        single_face_mode: bool | None = None,
        face_enhance: bool | None = None,
        model_style: ModelStyle | None = None,
        webhook_url: str | None = None,
    ) -> FaceswapJob:
        """Face Swap Plus (v4) on an image or a video: `face_mapping` pairs source and target faces, unless
        `single_face_mode` is true."""
        return await self._job(
            "faceswap.create_image_plus",
            FaceswapJob,
            source_url=source_url,
            target_url=target_url,
            face_mapping=face_mapping,
            single_face_mode=single_face_mode,
            face_enhance=face_enhance,
            model_style=model_style,
            webhook_url=webhook_url,
        )

    async def create_image_plus_and_wait(
        self,
        *,
        source_url: str,
        target_url: str,
        face_mapping: Sequence[FaceMapping] | None = None,
        single_face_mode: bool | None = None,
        face_enhance: bool | None = None,
        model_style: ModelStyle | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> FaceswapResult:
        """`create_image_plus`, then `client.wait` for the result."""
        job = await self.create_image_plus(
            source_url=source_url,
            target_url=target_url,
            face_mapping=face_mapping,
            single_face_mode=single_face_mode,
            face_enhance=face_enhance,
            model_style=model_style,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def create_video(
        self,
        *,
        source_image: Sequence[FaceImage],
        target_image: Sequence[FaceImage],
        modify_video: str,
        face_enhance: bool | None = None,
        webhook_url: str | None = None,
    ) -> FaceswapUrlJob:
        """Swap faces in a video (v3): `target_image` are the faces detected in `modify_video`,
        `source_image` the new faces in the same order."""
        return await self._job(
            "faceswap.create_video",
            FaceswapUrlJob,
            source_image=source_image,
            target_image=target_image,
            modify_video=modify_video,
            face_enhance=_v3_flag(face_enhance),
            webhook_url=webhook_url,
        )

    async def create_video_and_wait(
        self,
        *,
        source_image: Sequence[FaceImage],
        target_image: Sequence[FaceImage],
        modify_video: str,
        face_enhance: bool | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> FaceswapResult:
        """`create_video`, then `client.wait` for the result."""
        job = await self.create_video(
            source_image=source_image,
            target_image=target_image,
            modify_video=modify_video,
            face_enhance=face_enhance,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def reage_image(
        self,
        *,
        target_image: Sequence[ReageFace],
        face_reage: int,
        modify_image: str,
        webhook_url: str | None = None,
    ) -> FaceswapUrlJob:
        """Make the detected faces of `modify_image` older (up to +30) or younger (down to -30)."""
        return await self._job(
            "faceswap.reage_image",
            FaceswapUrlJob,
            target_image=target_image,
            face_reage=face_reage,
            modify_image=modify_image,
            webhook_url=webhook_url,
        )

    async def reage_image_and_wait(
        self,
        *,
        target_image: Sequence[ReageFace],
        face_reage: int,
        modify_image: str,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> FaceswapResult:
        """`reage_image`, then `client.wait` for the result."""
        job = await self.reage_image(
            target_image=target_image,
            face_reage=face_reage,
            modify_image=modify_image,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def reage_video(
        self,
        *,
        target_image: Sequence[ReageFace],
        face_reage: int,
        modify_video: str,
        webhook_url: str | None = None,
    ) -> FaceswapUrlJob:
        """Make the detected faces of `modify_video` older (up to +30) or younger (down to -30)."""
        return await self._job(
            "faceswap.reage_video",
            FaceswapUrlJob,
            target_image=target_image,
            face_reage=face_reage,
            modify_video=modify_video,
            webhook_url=webhook_url,
        )

    async def reage_video_and_wait(
        self,
        *,
        target_image: Sequence[ReageFace],
        face_reage: int,
        modify_video: str,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> FaceswapResult:
        """`reage_video`, then `client.wait` for the result."""
        job = await self.reage_video(
            target_image=target_image,
            face_reage=face_reage,
            modify_video=modify_video,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def list_results(self, *, ids: str | Sequence[str]) -> tuple[FaceswapResult, ...]:
        """Status and result URL of faceswap and reage jobs, by their `id` (not `job_id`)."""
        data = await self._call("faceswap.list_results", params=NAMES.to_wire(ids=joined(ids)))
        return many(FaceswapResult, member(data, "result"), "faceswap.list_results")

    async def delete_results(self, *, ids: str | Sequence[str]) -> None:
        """Delete faceswap and reage results by their `id`. Irreversible."""
        await self._call("faceswap.delete_results", json=NAMES.to_wire(ids=joined(ids)))

    async def cancel_job(self, *, job_ids: str | Sequence[str]) -> None:
        """Cancel queued or running jobs by their `job_id` (as the create answer gave it)."""
        await self._call("faceswap.cancel_job", json=NAMES.to_wire(job_ids=joined(job_ids)))

    async def get_quota(self) -> Quota:
        """The account's credit balance."""
        return from_wire(Quota, await self._call("faceswap.get_quota"), "faceswap.get_quota")
