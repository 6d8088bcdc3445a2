"""Types of the images area: Image Generate (text/image to image, 4K upscale, variations) and Background
Change. Every image job, whatever made it, is the same document: `ImageJob`."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames(
    {
        "_id": "id",
        "image_status": "status",
        "webhookUrl": "webhook_url",
        "removeBg": "remove_bg",
        "from": "source",
        "op_buttonMessageId": "op_button_message_id",
        "__v": "version",
    }
)
"""The images area's wire names that differ from the Python names (all others are equal). `from` is a
Python keyword, so it is `source`; `image_status` is `status`, as on every job type."""

Scale = Literal["1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3"]
"""Aspect ratio of a generated image."""

Button = Literal["U1", "U2", "U3", "U4", "V1", "V2", "V3", "V4"]
"""U1-U4: a single 4K image of image 1-4 of a prompt job; V1-V4: a variation of image 1-4."""

Size = str | tuple[int, int]
"""A size as Akool writes it, `"3840x3840"`, or as `(width, height)`."""


def size_text(size: Size | None) -> str | None:
    """`(3840, 2160)` as `"3840x2160"`; a string is passed as it is."""
    if size is None or isinstance(size, str):
        return size
    width, height = size
    return f"{width}x{height}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageJob(WireModel):
    """An image job (prompt, button or background change) as Akool reports it; `image` is the result URL
    once `status` is 3. A create answers it queued: `client.wait(job)` polls images.get_result until done.

    A completed prompt job offers `buttons` (U1-U4, V1-V4) for images.create_by_button; `used_buttons` and
    `upscaled_urls` tell what was made from it already.
    """

    _names = NAMES
    # builtins.type: the field `type` below hides the builtin inside the class body.
    result_type: ClassVar[builtins.type[ImageJob]]

    id: str
    status: JobStatus
    image: str | None = None
    deduction_credit: float | None = None
    buttons: tuple[str, ...] = ()
    used_buttons: tuple[str, ...] = ()
    upscaled_urls: tuple[str, ...] = ()
    prompt: str | None = None
    origin_prompt: str | None = None
    source_image: str | None = None
    image_content_model_id: str | None = None
    op_button: str | None = None
    op_button_message_id: str | None = None
    image_sub_status: int | None = None
    external_img: str | None = None
    image_id: str | None = None
    error_reasons: tuple[Any, ...] = ()
    create_time: int | None = None
    uid: int | None = None
    type: int | None = None
    source: int | None = None
    faceswap_quality: int | None = None
    version: int | None = None
    operation: str = local("images.get_result")


ImageJob.result_type = ImageJob
