"""client.images: Image Generate (text/image to image, 4K upscale and variations) and Background Change.

Pages: https://docs.akool.com/ai-tools-suite/image-generate and
https://docs.akool.com/ai-tools-suite/background-change. Every image job is polled with `get_result` by its
`id`; `client.wait(job)` and the `*_and_wait` methods do that for you. Neither page publishes prices: the
credits a job took are in its `deduction_credit`.
"""

from __future__ import annotations

from typing import Any

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.images import NAMES, Button, ImageJob, Scale, Size, size_text


class AsyncImages(AsyncResource):
    async def _job(self, op_id: str, **params: Any) -> ImageJob:
        data = await self._call(op_id, json=NAMES.to_wire(**params))
        return from_wire(ImageJob, data, op_id, operation=op_id)

    async def create_by_prompt(
        self,
        *,
        prompt: str,
        scale: Scale | None = None,
        source_image: str | None = None,
        webhook_url: str | None = None,
    ) -> ImageJob:
        """Generate an image from `prompt` (text to image), or from `prompt` and the image at
        `source_image` (image to image), in the aspect ratio `scale` (default 1:1). The finished job offers
        the buttons U1-U4 and V1-V4 for `create_by_button`."""
        return await self._job(
            "images.create_by_prompt",
            prompt=prompt,
            scale=scale,
            source_image=source_image,
            webhook_url=webhook_url,
        )

    async def create_by_prompt_and_wait(
        self,
        *,
        prompt: str,
        scale: Scale | None = None,
        source_image: str | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> ImageJob:
        """`create_by_prompt`, then `client.wait` for the image (its `image` URL)."""
        job = await self.create_by_prompt(
            prompt=prompt, scale=scale, source_image=source_image, webhook_url=webhook_url
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def create_by_button(self, *, id: str, button: Button, webhook_url: str | None = None) -> ImageJob:
        """Apply `button` to the finished prompt job `id`: U1-U4 make a 4K image of image 1-4, V1-V4 a
        variation of it. A new job: NotFoundError (1008) for an unknown `id`, APIError 1010 while the
        prompt job is not completed."""
        return await self._job("images.create_by_button", id=id, button=button, webhook_url=webhook_url)

    async def create_by_button_and_wait(
        self,
        *,
        id: str,
        button: Button,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> ImageJob:
        """`create_by_button`, then `client.wait` for the new image."""
        job = await self.create_by_button(id=id, button=button, webhook_url=webhook_url)
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def change_background(
        self,
        *,
        origin_img: str,
        modify_origin_img_size: Size,
        overlay_origin_x: int,
        overlay_origin_y: int,
        canvas_size: Size,
        color_code: str | None = None,
        template_url: str | None = None,
        modify_template_size: Size | None = None,
        overlay_template_x: int | None = None,
        overlay_template_y: int | None = None,
        remove_bg: bool | None = None,
        webhook_url: str | None = None,
    ) -> ImageJob:
        """Put the foreground image `origin_img`, scaled to `modify_origin_img_size` with its upper left
        corner at (`overlay_origin_x`, `overlay_origin_y`), on a canvas of `canvas_size` over the colour
        `color_code` (`#aafbe3`) and/or the image `template_url`; or remove its background (`remove_bg`).
        Sizes are `"WIDTHxHEIGHT"` or `(width, height)`; the `*_template_*` settings need `template_url`.
        Coordinates may be negative."""
        return await self._job(
            "images.change_background",
            origin_img=origin_img,
            modify_origin_img_size=size_text(modify_origin_img_size),
            overlay_origin_x=overlay_origin_x,
            overlay_origin_y=overlay_origin_y,
            canvas_size=size_text(canvas_size),
            color_code=color_code,
            template_url=template_url,
            modify_template_size=size_text(modify_template_size),
            overlay_template_x=overlay_template_x,
            overlay_template_y=overlay_template_y,
            remove_bg=remove_bg,
            webhook_url=webhook_url,
        )

    async def change_background_and_wait(
        self,
        *,
        origin_img: str,
        modify_origin_img_size: Size,
        overlay_origin_x: int,
        overlay_origin_y: int,
        canvas_size: Size,
        color_code: str | None = None,
        template_url: str | None = None,
        modify_template_size: Size | None = None,
        overlay_template_x: int | None = None,
        overlay_template_y: int | None = None,
        remove_bg: bool | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> ImageJob:
        """`change_background`, then `client.wait` for the image."""
        job = await self.change_background(
            origin_img=origin_img,
            modify_origin_img_size=modify_origin_img_size,
            overlay_origin_x=overlay_origin_x,
            overlay_origin_y=overlay_origin_y,
            canvas_size=canvas_size,
            color_code=color_code,
            template_url=template_url,
            modify_template_size=modify_template_size,
            overlay_template_x=overlay_template_x,
            overlay_template_y=overlay_template_y,
            remove_bg=remove_bg,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def get_result(self, *, image_model_id: str) -> ImageJob:
        """One image job by the `id` its create answered (prompt, button or background change): its
        `status`, and its `image` URL once completed. NotFoundError (1008) for an unknown id."""
        data = await self._call("images.get_result", params=NAMES.to_wire(image_model_id=image_model_id))
        return from_wire(ImageJob, data, "images.get_result")
