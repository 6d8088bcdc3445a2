"""client.models: the AI models available per generation task.

Page: https://docs.akool.com/ai-tools-suite/aimodel.
"""

from __future__ import annotations

from collections.abc import Sequence

from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import many
from akool_mock.sdk.types.models import NAMES, AIModel, ModelType, ModelTypeCode


class AsyncModels(AsyncResource):
    async def list(self, *, types: Sequence[ModelType | ModelTypeCode]) -> tuple[AIModel, ...]:
        """The models of the given tasks (at least one): `ModelType.IMAGE_TO_VIDEO` (1501),
        `TEXT_TO_VIDEO` (1502), `CHARACTER_SWAP` (2101); highest `sort` first. Pick one's `value` as
        `model_name`, and a resolution and video length from its lists."""
        data = await self._call("models.list", params=NAMES.to_wire(types=types))
        return many(AIModel, data, "models.list")
