"""Types of the models area: the AI models of a generation task, with their resolutions, durations and
prices (pass a model's `value` as `model_name`, e.g. to image2video.create_batch)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from akool_mock.sdk.types._base import WireModel, WireNames

NAMES = WireNames(
    {
        "resolutionList": "resolution_list",
        "durationList": "duration_list",
        "isPro": "is_pro",
        "requiresPay": "requires_pay",
        "supportedLastFrame": "supported_last_frame",
        "supportedExtendPrompt": "supported_extend_prompt",
        "maxImageCount": "max_image_count",
        "maxCount": "max_count",
    },
    params={"types": "types[]"},
)
"""The models area's wire names that differ from the Python names. The query sends `types` as `types[]`,
repeated (`types[]=1501&types[]=1502`), as every docs sample and Akool's own demo do."""


class ModelType(enum.IntEnum):
    """A generation task."""

    IMAGE_TO_VIDEO = 1501
    TEXT_TO_VIDEO = 1502
    CHARACTER_SWAP = 2101


ModelTypeCode = Literal[1501, 1502, 2101]
"""A `ModelType` as its number."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelResolution(WireModel):
    """A resolution a model offers (send its `value`), with its size and price per unit."""

    _names = NAMES

    value: str
    label: str | None = None
    width: int | None = None
    height: int | None = None
    unit_credit: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AIModel(WireModel):
    """An AI model: `value` is what to send as `model_name`; `resolution_list` and `duration_list` are the
    resolutions and video lengths (seconds) it takes, `max_count` the most videos per request.

    `generate_audio` is null, a boolean, or (as Akool's demo reads it) an object `{required, type,
    default, extra_credit_multiplier}`.
    """

    _names = NAMES

    type: int
    label: str
    value: str
    name: str | None = None
    description: str | None = None
    provider: str | None = None
    group: str | None = None
    sort: int | None = None
    resolution_list: tuple[ModelResolution, ...] = ()
    duration_list: tuple[float, ...] = ()
    generate_audio: bool | Mapping[str, Any] | None = None
    is_pro: bool | None = None
    requires_pay: bool | None = None
    supported_last_frame: bool | None = None
    supported_extend_prompt: bool | None = None
    max_image_count: int | None = None
    max_count: int | None = None
