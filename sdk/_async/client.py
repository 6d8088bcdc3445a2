"""`AsyncAkoolClient`: the Akool API client, one attribute per area.

async with AsyncAkoolClient(api_key="...") as client:
    job = await client.faceswap.create_image(source_image=[...], target_image=[...], modify_image=url)
    result = await client.wait(job)
    print(result.url)
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.polling import Clock, wait_for
from akool_mock.sdk._async.resources import (
    AsyncAudio,
    AsyncAuth,
    AsyncAvatars,
    AsyncCharacterSwap,
    AsyncFaceDetection,
    AsyncFaceswap,
    AsyncHeadswap,
    AsyncImage2Video,
    AsyncImages,
    AsyncJarvis,
    AsyncKnowledge,
    AsyncLipsync,
    AsyncLiveFaceswap,
    AsyncModels,
    AsyncStreaming,
    AsyncTalkingAvatar,
    AsyncTalkingPhoto,
    AsyncText2Video,
    AsyncVideos,
    AsyncVideoTranslation,
    AsyncVoices,
)
from akool_mock.sdk._config import transport_config
from akool_mock.sdk._core import RequestSpec
from akool_mock.sdk._operations import ROUTES, spec_for
from akool_mock.sdk._transport import (
    AsyncHTTPClient,
    AsyncSleep,
    AsyncSleepLike,
    AsyncSleepOf,
    AsyncTransport,
)
from akool_mock.sdk.types._base import JobRef, WireModel

M = TypeVar("M", bound=WireModel)


class AsyncAkoolClient:
    """A client of the Akool API; one attribute per area (`client.faceswap`, `client.voices`, ...).

    Credentials: `api_key` (sent as `x-api-key`), or `client_id` and `client_secret` (exchanged for a
    Bearer token with getToken, cached, and renewed once when a request answers 1101). What is not given
    is read once from AKOOL_API_KEY, AKOOL_CLIENT_ID, AKOOL_CLIENT_SECRET and AKOOL_BASE_URL.

    `base_url` is the API host (default https://openapi.akool.com), `detect_base_url` the legacy face
    detection host (https://sg3.akool.com). `timeout` bounds each HTTP request, in seconds; `max_retries`
    bounds the retries of failures that are safe to retry (see sdk._core). `http_client` is an
    httpx.AsyncClient to use (it is not closed by `close`). `sleep` and `clock` replace asyncio.sleep and
    time.monotonic for retries and `wait` (tests drive a fake clock with them: `sleep=akool.clock.advance`
    works as it is, a plain function or a coroutine function); `rng` is the jitter source.
    """

    audio: AsyncAudio
    auth: AsyncAuth
    avatars: AsyncAvatars
    character_swap: AsyncCharacterSwap
    face_detection: AsyncFaceDetection
    faceswap: AsyncFaceswap
    headswap: AsyncHeadswap
    image2video: AsyncImage2Video
    images: AsyncImages
    jarvis: AsyncJarvis
    knowledge: AsyncKnowledge
    lipsync: AsyncLipsync
    live_faceswap: AsyncLiveFaceswap
    models: AsyncModels
    streaming: AsyncStreaming
    talking_avatar: AsyncTalkingAvatar
    talking_photo: AsyncTalkingPhoto
    text2video: AsyncText2Video
    video_translation: AsyncVideoTranslation
    videos: AsyncVideos
    voices: AsyncVoices

    def __init__(
        self,
        *,
        api_key: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        base_url: str | None = None,
        detect_base_url: str | None = None,
        timeout: float = defaults.TIMEOUT,
        max_retries: int = defaults.MAX_RETRIES,
        http_client: AsyncHTTPClient | None = None,
        sleep: AsyncSleepLike | None = None,
        clock: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        config = transport_config(
            api_key=api_key,
            client_id=client_id,
            client_secret=client_secret,
            base_url=base_url,
            detect_base_url=detect_base_url,
            timeout=timeout,
            max_retries=max_retries,
            environ=os.environ,
        )
        self._sleep: AsyncSleep = AsyncSleepOf(sleep) if sleep is not None else asyncio.sleep
        self._clock: Clock = clock or time.monotonic
        self._transport = AsyncTransport(config, http_client=http_client, sleep=self._sleep, rng=rng)
        self._make_areas()

    def _make_areas(self) -> None:
        # One resource object per area (kept out of __init__, which must stay short).
        self.audio = AsyncAudio(self)
        self.auth = AsyncAuth(self)
        self.avatars = AsyncAvatars(self)
        self.character_swap = AsyncCharacterSwap(self)
        self.face_detection = AsyncFaceDetection(self)
        self.faceswap = AsyncFaceswap(self)
        self.headswap = AsyncHeadswap(self)
        self.image2video = AsyncImage2Video(self)
        self.images = AsyncImages(self)
        self.jarvis = AsyncJarvis(self)
        self.knowledge = AsyncKnowledge(self)
        self.lipsync = AsyncLipsync(self)
        self.live_faceswap = AsyncLiveFaceswap(self)
        self.models = AsyncModels(self)
        self.streaming = AsyncStreaming(self)
        self.talking_avatar = AsyncTalkingAvatar(self)
        self.talking_photo = AsyncTalkingPhoto(self)
        self.text2video = AsyncText2Video(self)
        self.video_translation = AsyncVideoTranslation(self)
        self.videos = AsyncVideos(self)
        self.voices = AsyncVoices(self)

    @property
    def base_url(self) -> str:
        return self._transport.config.base_url

    async def wait(
        self,
        job: JobRef[M],
        *,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> M:
        """Poll `job` until it finishes and return its result (e.g. a FaceswapResult with the `url`).

        Polls with the operation the catalog names for the job, every `interval` seconds at first and less
        often later. Raises JobFailedError (with Akool's reason) when the job fails, and WaitTimeoutError
        when it has not finished after `timeout` seconds (the job goes on: wait again later).
        """
        return await wait_for(
            self._transport, job, timeout=timeout, interval=interval, sleep=self._sleep, clock=self._clock
        )

    async def call(
        self,
        operation: str,
        *,
        body: Any = None,
        query: Mapping[str, Any] | None = None,
        path: Mapping[str, str] | None = None,
    ) -> Any:
        """Call any catalog operation by id with wire-named fields; returns the unwrapped `data`.

        Three answers are returned whole instead: getToken's `{code, token}`, createbytranslate's (its
        `all_results` sits next to `data`), and the bare bodies of the face detection APIs.

        The typed methods (`client.faceswap.create_image(...)`) are the usual way; this is for what they do
        not cover yet, for generic tools (the contract suite sends every generated case through it), and
        for experiments: `await client.call("faceswap.get_quota")`. Errors, retries and auth are the same.
        """
        if operation not in ROUTES:
            raise ValueError(f"unknown operation {operation!r}")
        return await self._send(spec_for(operation, params=query, json=body, path=path))

    async def _send(self, spec: RequestSpec) -> Any:
        return await self._transport.send(spec)

    async def close(self) -> None:
        """Close the HTTP connections (unless the httpx client was passed in)."""
        await self._transport.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
