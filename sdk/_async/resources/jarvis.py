"""client.jarvis: Jarvis Moderator, content moderation of images, video, audio and text (enterprise
accounts only).

Page: https://docs.akool.com/ai-tools-suite/jarvis-moderator. An analysis is polled with `get_analysis` by
its `id`; `client.wait(analysis)` and `create_analysis_and_wait` do that for you.
"""

from __future__ import annotations

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.jarvis import NAMES, Analysis, ContentType, ContentTypeCode


class AsyncJarvis(AsyncResource):
    async def create_analysis(
        self,
        *,
        content: str,
        type: ContentType | ContentTypeCode,
        language: str | None = None,
        input: str | None = None,
        webhook_url: str | None = None,
    ) -> Analysis:
        """Moderate `content`: the URL of an image, video or audio file, or for `ContentType.TEXT` the text
        itself or a URL. `language` is the ISO-639-1 code of the content (best given for video, audio and
        text); `input` describes in words what else to detect. Costs 0.1 credit per 600 characters of
        text, 0.2 per image, 0.5 per minute of audio, 1 per minute of video."""
        body = NAMES.to_wire(
            content=content, type=type, language=language, input=input, webhook_url=webhook_url
        )
        data = await self._call("jarvis.create_analysis", json=body)
        return from_wire(Analysis, data, "jarvis.create_analysis", operation="jarvis.create_analysis")

    async def create_analysis_and_wait(
        self,
        *,
        content: str,
        type: ContentType | ContentTypeCode,
        language: str | None = None,
        input: str | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> Analysis:
        """`create_analysis`, then `client.wait` for the verdict (`final_conclusion`, `result`)."""
        analysis = await self.create_analysis(
            content=content, type=type, language=language, input=input, webhook_url=webhook_url
        )
        return await self._client.wait(analysis, timeout=timeout, interval=interval)

    async def get_analysis(self, *, id: str) -> Analysis:
        """One analysis by its `id`. NotFoundError (1008) for an unknown id."""
        data = await self._call("jarvis.get_analysis", params=NAMES.to_wire(id=id))
        return from_wire(Analysis, data, "jarvis.get_analysis")
